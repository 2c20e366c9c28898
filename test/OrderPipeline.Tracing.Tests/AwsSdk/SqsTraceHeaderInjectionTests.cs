using Amazon.SQS.Model;
using OrderPipeline.Tracing.AwsSdk;

namespace OrderPipeline.Tracing.Tests.AwsSdk;

public sealed class SqsTraceHeaderInjectionTests
{
    private const string Header = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    [Fact]
    public void Apply_SendMessageWithoutAttributes_SetsAStringAttributeAndRestoreGivesNullBack()
    {
        var request = new SendMessageRequest("https://sqs.example/1/q", "body");

        var injection = SqsTraceHeaderInjection.Apply(request, Header);

        var value = Assert.Single(request.MessageSystemAttributes);
        Assert.Equal("AWSTraceHeader", value.Key);
        Assert.Equal("String", value.Value.DataType);
        Assert.Equal(Header, value.Value.StringValue);
        Assert.NotNull(injection);
        injection.Restore();
        Assert.Null(request.MessageSystemAttributes);
    }

    [Fact]
    public void Apply_CallerSetAttribute_ReplacesItOnACopyAndRestoreGivesTheCallersDictionaryBack()
    {
        var callers = new Dictionary<string, MessageSystemAttributeValue>
        {
            ["AWSTraceHeader"] = new() { DataType = "String", StringValue = "Root=1-00000001-000000000000000000000001" },
        };
        var request = new SendMessageRequest("https://sqs.example/1/q", "body") { MessageSystemAttributes = callers };

        var injection = SqsTraceHeaderInjection.Apply(request, Header);

        Assert.NotSame(callers, request.MessageSystemAttributes);
        Assert.Equal(Header, request.MessageSystemAttributes["AWSTraceHeader"].StringValue);
        Assert.Equal("Root=1-00000001-000000000000000000000001", callers["AWSTraceHeader"].StringValue);
        injection!.Restore();
        Assert.Same(callers, request.MessageSystemAttributes);
    }

    [Fact]
    public void Apply_Batch_SetsEveryEntryAndRestoreGivesEachEntryItsOwnBack()
    {
        var callers = new Dictionary<string, MessageSystemAttributeValue>();
        var first = new SendMessageBatchRequestEntry("a", "one");
        var second = new SendMessageBatchRequestEntry("b", "two") { MessageSystemAttributes = callers };
        var request = new SendMessageBatchRequest("https://sqs.example/1/q", [first, second]);

        var injection = SqsTraceHeaderInjection.Apply(request, Header);

        Assert.Equal(Header, first.MessageSystemAttributes["AWSTraceHeader"].StringValue);
        Assert.Equal(Header, second.MessageSystemAttributes["AWSTraceHeader"].StringValue);
        Assert.Empty(callers);
        injection!.Restore();
        Assert.Null(first.MessageSystemAttributes);
        Assert.Same(callers, second.MessageSystemAttributes);
    }

    [Fact]
    public void Apply_RequestThatSendsNoMessage_ReturnsNullAndChangesNothing()
    {
        var request = new ReceiveMessageRequest("https://sqs.example/1/q");

        Assert.Null(SqsTraceHeaderInjection.Apply(request, Header));
        Assert.Null(SqsTraceHeaderInjection.Apply(null, Header));
    }
}
