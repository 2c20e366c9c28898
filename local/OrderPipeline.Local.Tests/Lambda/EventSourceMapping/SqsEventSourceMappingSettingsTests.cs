using OrderPipeline.Local.Lambda.EventSourceMapping;
using OrderPipeline.Local.Stack.Template;
using OrderPipeline.Local.Tests.Stack.Template;

namespace OrderPipeline.Local.Tests.Lambda.EventSourceMapping;

public sealed class SqsEventSourceMappingSettingsTests
{
    private const string QueueArn = "arn:aws:sqs:eu-west-1:000000000000:orders";

    [Fact]
    public void MaximumConcurrency_WhenTheTemplateIsSilent_IsTheDefault()
    {
        var settings = Assert.Single(InlineTemplate.Parse("""
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Events:
                    Q:
                      Type: SQS
                      Properties:
                        Queue: !GetAtt Queue.Arn

            """).Function("Fn").SqsEvents);

        Assert.Equal(SqsEventSourceMappingSettings.DefaultMaximumConcurrency, settings.MaximumConcurrency);
        Assert.Equal("eu-west-1", settings.Region);
    }

    [Theory]
    [InlineData(0, 0, 5, "BatchSize")]
    [InlineData(10_001, 1, 5, "BatchSize")]
    [InlineData(11, 0, 5, "at least 1 when BatchSize")]
    [InlineData(10, 301, 5, "MaximumBatchingWindowInSeconds")]
    [InlineData(10, 0, 1, "MaximumConcurrency")]
    [InlineData(10, 0, 1001, "MaximumConcurrency")]
    public void Validate_OutsideLambdasRanges_ThrowsNamingTheProperty(int batchSize, int window, int concurrency, string named)
    {
        var settings = Settings() with
        {
            BatchSize = batchSize, MaximumBatchingWindowInSeconds = window, MaximumConcurrency = concurrency,
        };

        var error = Assert.Throws<TemplateException>(settings.Validate);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("SQS event OrdersEvent of ConsumerFunction:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WithAQueueThatIsNotAnSqsArn_Throws()
    {
        var settings = Settings() with { Queue = "orders" };

        Assert.Throws<TemplateException>(settings.Validate);
    }

    [Fact]
    public void Validate_FunctionResponseTypeOtherThanReportBatchItemFailures_Throws()
    {
        var settings = Settings() with { FunctionResponseTypes = ["ReportBatchItemFailure"] };

        Assert.Contains("FunctionResponseTypes", Assert.Throws<TemplateException>(settings.Validate).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AtTheEdgesOfLambdasRanges_Accepts()
    {
        (Settings() with { BatchSize = 10_000, MaximumBatchingWindowInSeconds = 300, MaximumConcurrency = 2 }).Validate();
        (Settings() with { BatchSize = 10, MaximumBatchingWindowInSeconds = 0, MaximumConcurrency = 1000 }).Validate();
    }

    private static SqsEventSourceMappingSettings Settings() =>
        new("ConsumerFunction", "OrdersEvent", QueueArn, 10, 0, [], SqsEventSourceMappingSettings.DefaultMaximumConcurrency)
        {
            QueueUrl = "http://127.0.0.1:9324/000000000000/orders",
        };
}
