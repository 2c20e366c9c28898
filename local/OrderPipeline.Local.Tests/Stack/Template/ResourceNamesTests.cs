using OrderPipeline.Local.Stack;
using OrderPipeline.Local.Stack.Template;

namespace OrderPipeline.Local.Tests.Stack.Template;

/// <summary>
/// Resources are named as a deployed stack names them, so that the trace map, the X-Ray filters and the queue URLs a
/// team sees locally are the ones they will see in the console. CloudFormation's "Name type"
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-name.html): a resource the template
/// leaves unnamed gets a physical id made of the stack name, the logical id and a random string
/// ("MyStack-MyBucket-abcdefghijk1"); a name property of the resource's own wins. SAM titles a REST API without a
/// <c>Name</c> with the stack name, and X-Ray names API Gateway's segment <c>&lt;api name&gt;/&lt;stage&gt;</c>.
/// </summary>
public sealed class ResourceNamesTests
{
    private const string Resources = """
          Orders:
            Type: AWS::DynamoDB::Table
            Properties:
              AttributeDefinitions:
                - AttributeName: orderId
                  AttributeType: S
              KeySchema:
                - AttributeName: orderId
                  KeyType: HASH
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Environment:
                Variables:
                  QUEUE: !Ref Queue
                  QUEUE_NAME: !GetAtt Queue.QueueName
                  TABLE: !Ref Orders
                  SELF: !Ref Fn
                  SELF_ARN: !GetAtt Fn.Arn

        """;

    [Fact]
    public void Read_UnnamedResources_TakeStackLogicalIdAndSuffix()
    {
        var template = InlineTemplate.Parse(Resources);
        var environment = template.Function("Fn").Environment;

        Assert.Equal("local-stack-Fn-3H3NIQ66TLOC", template.Function("Fn").Name);
        Assert.Equal("local-stack-Queue-W5ABP2L9UQ05", template.Queue("Queue").Name);
        Assert.Equal("local-stack-Orders-P92AP1MHPP3I", template.Tables.Single().Name);
        Assert.Equal("http://127.0.0.1:9324/000000000000/local-stack-Queue-W5ABP2L9UQ05", environment["QUEUE"]);
        Assert.Equal("local-stack-Queue-W5ABP2L9UQ05", environment["QUEUE_NAME"]);
        Assert.Equal("local-stack-Orders-P92AP1MHPP3I", environment["TABLE"]);
        Assert.Equal("local-stack-Fn-3H3NIQ66TLOC", environment["SELF"]);
        Assert.Equal("arn:aws:lambda:eu-west-1:000000000000:function:local-stack-Fn-3H3NIQ66TLOC", environment["SELF_ARN"]);
    }

    [Fact]
    public void GeneratedName_SameStackAndLogicalId_SameNameOnEveryRunAndAnotherStackAnother()
    {
        var first = new LocalAccount("http://a", stackName: "order-pipeline").GeneratedName("ConsumerFunction", 64);
        var again = new LocalAccount("http://b", stackName: "order-pipeline").GeneratedName("ConsumerFunction", 64);
        var other = new LocalAccount("http://a", stackName: "order-pipeline-dev").GeneratedName("ConsumerFunction", 64);

        Assert.Equal(first, again);
        Assert.Matches("^order-pipeline-ConsumerFunction-[A-Z0-9]{12}$", first);
        Assert.Matches("^order-pipeline-dev-ConsumerFunction-[A-Z0-9]{12}$", other);
        Assert.NotEqual(first[^12..], other[^12..]);
    }

    [Theory]
    [InlineData("a-very-long-stack-name-for-a-team-with-many-environments", "AnEvenLongerLogicalIdForTheOrdersConsumerFunction", 64)]
    [InlineData("short", "AnEvenLongerLogicalIdForTheOrdersConsumerFunctionThatGoesOnAndOnBeyondAnyLimit", 64)]
    [InlineData("a-very-long-stack-name-for-a-team-with-many-environments-and-then-some", "Q", 80)]
    public void GeneratedName_TooLong_ShortenedToTheLimitKeepingTheSuffix(string stackName, string logicalId, int maxLength)
    {
        var account = new LocalAccount("http://a", stackName: stackName);

        var name = account.GeneratedName(logicalId, maxLength);

        Assert.True(name.Length <= maxLength, name);
        Assert.Equal(account.GeneratedName(logicalId, 255)[^12..], name[^12..]);
        Assert.StartsWith(stackName[..5], name, StringComparison.Ordinal);
        Assert.Contains("-" + logicalId[..1], name, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ExplicitNames_Win()
    {
        var template = TemplateReader.Parse("""
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !Sub '${AWS::StackName}-orders'
              Table:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: orders
                  AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
                  KeySchema: [{ AttributeName: id, KeyType: HASH }]
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Sub '${AWS::StackName}-consumer'
                  Environment:
                    Variables:
                      QUEUE: !Ref Queue
              Api:
                Type: AWS::Serverless::Api
                Properties:
                  Name: orders-api
                  StageName: v1
            """, TestAccount.With());

        Assert.Equal("local-stack-orders", template.Queue("Queue").Name);
        Assert.Equal("http://127.0.0.1:9324/000000000000/local-stack-orders", template.Function("Fn").Environment["QUEUE"]);
        Assert.Equal("orders", template.Tables.Single().Name);
        Assert.Equal("local-stack-consumer", template.Function("Fn").Name);
        Assert.Equal("orders-api", template.Apis.Single().Name);
    }

    [Fact]
    public void Read_ApiWithoutName_TitledWithGlobalsNameElseTheStackName()
    {
        Assert.Equal("local-stack", InlineTemplate.Parse(string.Empty).Apis.Single().Name);
        Assert.Equal(
            "from-globals",
            InlineTemplate.Parse(string.Empty, "Globals:\n  Api:\n    Name: from-globals\n").Apis.Single().Name);
    }

    [Fact]
    public void Read_NameThatDependsOnItself_RefusedNamingTheProperty()
    {
        var exception = Assert.Throws<TemplateException>(() => TemplateReader.Parse("""
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !GetAtt Queue.QueueName
            """, TestAccount.With()));

        Assert.Contains("Resources.Queue.Properties.QueueName", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[default.global.parameters]\nstack_name = \"order-pipeline\"\n", "order-pipeline")]
    [InlineData("[default.global.parameters]\nstack_name = \"global\"\n[default.deploy.parameters]\nstack_name = 'deploy' # the deploy command's own\n", "deploy")]
    [InlineData("[default.deploy.parameters]\nstack_name = \"deploy\"\n[default.global.parameters]\nstack_name = \"global\"\n", "deploy")]
    [InlineData("[prod.deploy.parameters]\nstack_name = \"prod\"\n", null)]
    [InlineData("# stack_name = \"commented\"\n[default.build.parameters]\nstack_name = \"build-only\"\n", null)]
    [InlineData("", null)]
    public void SamConfig_StackName_DeployWinsOverGlobalOfTheDefaultEnvironment(string toml, string? expected)
    {
        Assert.Equal(expected, SamConfig.Parse(toml.Split('\n')).StackName);
    }

    [Fact]
    public void SamConfig_StackNameCloudFormationRefuses_Refused()
    {
        var exception = Assert.Throws<InvalidDataException>(
            () => SamConfig.Parse(["[default.global.parameters]", "stack_name = \"1-starts-with-a-digit\""]).StackName);

        Assert.Contains("1-starts-with-a-digit", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StackOptions_RepositoryTemplate_TakesTheStackNameOfItsSamConfig()
    {
        var template = Path.Combine(OrderPipeline.TestHelpers.Functions.RepositoryRoot.Find(), "template.yaml");
        var options = new StackOptions(template, "data", 0, 0, 0, 0, FunctionBuildMode.Jit, KeepTraces: false);

        Assert.Equal("order-pipeline", options.Account("http://127.0.0.1").StackName);
        Assert.Equal("mine", (options with { StackName = "mine" }).Account("http://127.0.0.1").StackName);
    }
}
