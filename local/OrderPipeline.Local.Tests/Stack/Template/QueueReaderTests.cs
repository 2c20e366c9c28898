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

    // AWS::SQS::Queue's properties and ranges:
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html
    [Fact]
    public void Read_DelayWaitAndMaximumMessageSize_Read()
    {
        var queue = Read("      DelaySeconds: 900\n      ReceiveMessageWaitTimeSeconds: 20\n      MaximumMessageSize: 1024\n      FifoQueue: false");

        Assert.Equal((900, 20, 1024), (queue.DelaySeconds, queue.ReceiveMessageWaitTimeSeconds, queue.MaximumMessageSize));
    }

    [Theory]
    [InlineData("      SqsManagedSseEnabled: true")]
    [InlineData("      KmsMasterKeyId: alias/aws/sqs\n      KmsDataKeyReusePeriodSeconds: 300")]
    [InlineData("      Tags:\n        - Key: team\n          Value: orders")]
    public void Read_PropertyWithoutLocalEffect_AcceptedAsListed(string properties)
    {
        var name = properties.Trim().Split(':')[0];

        Read(properties);

        Assert.Contains(name, QueueReader.Properties.AcceptedWithoutEffect.Keys);
    }

    [Theory]
    [InlineData("      FifoQueue: true", "Resources.Q.Properties.FifoQueue: FifoQueue is not supported by the local stack")]
    [InlineData("      ContentBasedDeduplication: true", "Resources.Q.Properties.ContentBasedDeduplication: FIFO queues are not supported by the local stack")]
    [InlineData("      Visibility: 30", "Resources.Q.Properties.Visibility: Visibility is not supported by the local stack on AWS::SQS::Queue")]
    [InlineData("      DelaySeconds: 901", "Resources.Q.Properties.DelaySeconds: 901 is not between 0 and 900.")]
    [InlineData("      ReceiveMessageWaitTimeSeconds: 21", "Resources.Q.Properties.ReceiveMessageWaitTimeSeconds: 21 is not between 0 and 20.")]
    [InlineData("      MaximumMessageSize: 1048577", "Resources.Q.Properties.MaximumMessageSize: 1048577 is not between 1024 and 1048576.")]
    public void Read_RefusedProperty_ThrowsNamingIt(string properties, string expected)
    {
        var exception = Assert.Throws<TemplateException>(() => Read(properties));

        Assert.StartsWith(expected, exception.Message, StringComparison.Ordinal);
    }

    // "Dead letter queue does not allow this source queue": the DLQ's RedriveAllowPolicy decides who may name it
    // (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html).
    [Theory]
    [InlineData("        redrivePermission: denyAll", false)]
    [InlineData("        redrivePermission: byQueue\n        sourceQueueArns: [!GetAtt Other.Arn]", false)]
    [InlineData("        redrivePermission: byQueue\n        sourceQueueArns: [!GetAtt Q.Arn]", true)]
    [InlineData("        redrivePermission: allowAll", true)]
    public void Read_RedriveAllowPolicyOfTheDeadLetterQueue_DecidesWhetherTheSourceMayUseIt(string policy, bool allowed)
    {
        var yaml = "  Dlq:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedriveAllowPolicy:\n" + policy + "\n"
            + "  Other:\n    Type: AWS::SQS::Queue\n"
            + "  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy:\n"
            + "        deadLetterTargetArn: !GetAtt Dlq.Arn\n        maxReceiveCount: 3\n";

        var exception = Record.Exception(() => InlineTemplate.Parse(yaml));

        if (allowed)
        {
            Assert.Null(exception);
        }
        else
        {
            Assert.StartsWith("Resources.Q.Properties.RedrivePolicy: the dead-letter queue Dlq does not allow this source queue",
                Assert.IsType<TemplateException>(exception).Message, StringComparison.Ordinal);
        }
    }
}
