using System.Text.Json;

namespace OrderPipeline.Local.Tests.Lambda.EventSourceMapping;

/// <summary>One call of <see cref="FakeFunctionInvoker"/>, with the records of its SQS event read back.</summary>
internal sealed record FakeInvocation(string LogicalId, string Payload, string? TraceHeader)
{
    public IReadOnlyList<string> MessageIds => Records("messageId");

    public IReadOnlyList<string> Bodies => Records("body");

    public IReadOnlyList<string> ReceiveCounts =>
        [.. RecordElements().Select(record => record.GetProperty("attributes").GetProperty("ApproximateReceiveCount").GetString()!)];

    public string MessageIdOf(string body) => MessageIds[Bodies.ToList().IndexOf(body)];

    public string ReceiveCountOf(string body) => ReceiveCounts[Bodies.ToList().IndexOf(body)];

    private List<string> Records(string property) =>
        [.. RecordElements().Select(record => record.GetProperty(property).GetString()!)];

    private List<JsonElement> RecordElements()
    {
        using var document = JsonDocument.Parse(Payload);
        return [.. document.RootElement.GetProperty("Records").EnumerateArray().Select(record => record.Clone())];
    }
}
