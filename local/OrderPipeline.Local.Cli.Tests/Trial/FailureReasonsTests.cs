using System.Text.Json;
using OrderPipeline.Local.Cli.Trial;
using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.Cli.Tests.Trial;

public sealed class FailureReasonsTests
{
    private const string TraceId = "1-6b081cc2-675466a36a45ca614747e53c";
    private readonly TraceStore _traces = new();

    [Fact]
    public void For_WholeBatchFailed_GivesTheBatchReason()
    {
        var reasons = FailureReasons.For("m-1", [new FailedDelivery("m-1", TraceId, "Runtime.ExitError")], _traces);

        Assert.Equal([$"the whole batch failed: Runtime.ExitError (trace {TraceId})"], reasons);
    }

    [Fact]
    public void For_RecordFailedWithAnException_GivesTheExceptionOfItsProcessOrder()
    {
        AddFunctionSegment();
        AddProcessOrder("m-2", exception: null);
        AddProcessOrder("m-1", exception: ("InternalServerErrorException", "Internal server error"));

        var reasons = FailureReasons.For("m-1", [new FailedDelivery("m-1", TraceId, null)], _traces);

        Assert.Equal([$"the record failed: InternalServerErrorException: Internal server error (trace {TraceId})"], reasons);
    }

    [Fact]
    public void For_RecordWithoutProcessOrderInARecordedTrace_SaysItWasHandedBackUnprocessed()
    {
        AddFunctionSegment();
        AddProcessOrder("m-2", exception: ("TaskCanceledException", "A task was canceled."));

        var reason = Assert.Single(FailureReasons.For("m-1", [new FailedDelivery("m-1", TraceId, null)], _traces));

        Assert.StartsWith("the record was handed back unprocessed", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void For_TraceNotRecorded_GivesNoReason() =>
        Assert.Empty(FailureReasons.For("m-1", [new FailedDelivery("m-1", TraceId, null)], _traces));

    [Fact]
    public void For_OtherMessagesFailures_AreIgnored() =>
        Assert.Empty(FailureReasons.For("m-1", [new FailedDelivery("m-2", TraceId, "Runtime.ExitError")], _traces));

    private void AddFunctionSegment() => SegmentDocuments.Add(_traces, writer =>
    {
        Common(writer, "ConsumerFunction", "aaaaaaaaaaaaaaaa");
        writer.WriteString("origin", "AWS::Lambda::Function");
    });

    private void AddProcessOrder(string messageId, (string Type, string Message)? exception) => SegmentDocuments.Add(_traces, writer =>
    {
        Common(writer, "ProcessOrder", SegmentDocuments.NewId());
        writer.WriteString("type", "subsegment");
        writer.WriteString("parent_id", "aaaaaaaaaaaaaaaa");
        writer.WriteStartObject("metadata");
        writer.WriteStartObject("default");
        writer.WriteString("message_id", messageId);
        writer.WriteEndObject();
        writer.WriteEndObject();
        if (exception is { } thrown)
        {
            writer.WriteBoolean("fault", true);
            writer.WriteStartObject("cause");
            writer.WriteStartArray("exceptions");
            writer.WriteStartObject();
            writer.WriteString("id", SegmentDocuments.NewId());
            writer.WriteString("type", thrown.Type);
            writer.WriteString("message", thrown.Message);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
    });

    private static void Common(Utf8JsonWriter writer, string name, string id)
    {
        writer.WriteString("trace_id", TraceId);
        writer.WriteString("id", id);
        writer.WriteString("name", name);
        writer.WriteNumber("start_time", 1_700_000_000.0);
        writer.WriteNumber("end_time", 1_700_000_000.5);
    }
}
