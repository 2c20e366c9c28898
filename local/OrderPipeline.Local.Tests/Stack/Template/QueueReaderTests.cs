using OrderPipeline.Local.Sqs;
using OrderPipeline.Local.Stack.Template;

namespace OrderPipeline.Local.Tests.Stack.Template;

public sealed class QueueReaderTests
{
    private static QueueDefinition Read(string properties) => InlineTemplate.Parse($"""
              Q:
                Type: AWS::SQS::Queue
                Properties:
            {properties}

            """).Queue("Q");

    [Fact]
    public void Read_TemplateSilent_AppliesSqsDefaults()
    {
        Assert.Equal(new QueueDefinition("Queue", TestAccount.With().GeneratedName("Queue", 80), 30, 345600, null), InlineTemplate.Parse(string.Empty).Queue("Queue"));
    }

    [Fact]
    public void Read_RedrivePolicyAsJsonString_Parsed()
    {
        var queue = Read("      QueueName: !Sub '${AWS::StackName}-q'\n      RedrivePolicy: '{\"deadLetterTargetArn\":\"arn:dlq\",\"maxReceiveCount\":\"3\"}'");

        Assert.Equal(new QueueDefinition("Q", "local-stack-q", 30, 345600, new SqsRedrivePolicy("arn:dlq", 3)), queue);
    }

    [Theory]
    [InlineData("      RedrivePolicy:\n        maxReceiveCount: 2", "Resources.Q.Properties.RedrivePolicy.deadLetterTargetArn is required.")]
    [InlineData("      RedrivePolicy:\n        deadLetterTargetArn: !GetAtt Queue.Arn", "Resources.Q.Properties.RedrivePolicy.maxReceiveCount is required.")]
    [InlineData("      RedrivePolicy: 'not json'", "Resources.Q.Properties.RedrivePolicy: not a redrive policy")]
    [InlineData("      VisibilityTimeout: 1.5", "Resources.Q.Properties.VisibilityTimeout: '1.5' is not a whole number.")]
    public void Read_InvalidProperty_ThrowsNamingIt(string properties, string expected)
    {
        var exception = Assert.Throws<TemplateException>(() => Read(properties));

        Assert.StartsWith(expected, exception.Message, StringComparison.Ordinal);
    }
}
