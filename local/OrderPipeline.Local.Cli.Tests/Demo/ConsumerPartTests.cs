using System.Text.Json;
using OrderPipeline.Local.Cli.Demo;
using OrderPipeline.Local.Cli.Terminal;
using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.Cli.Tests.Demo;

public sealed class ConsumerPartTests
{
    private const string UpstreamA = "1-6b07c015-4e2f1d8c7b6a5f4e3d2c1b0a";
    private const string UpstreamB = "1-6b07c016-b1c2d3e4f5a6b7c8d9e0f1a2";

    [Fact]
    public void For_BatchOfTwoRecords_KeepsTheFunctionAndTheRecordOfThatUpstreamTrace()
    {
        IReadOnlyList<StoredSegment> trace =
        [
            Segment("""{"name":"Consumer","id":"0000000000000001","trace_id":"T","start_time":1,"end_time":2}"""),
            Segment($$$"""{"name":"ProcessOrder","id":"0000000000000002","trace_id":"T","parent_id":"0000000000000001","type":"subsegment","start_time":1,"end_time":2,"annotations":{"upstream_trace_id":"{{{UpstreamA}}}"}}"""),
            Segment($$$"""{"name":"ProcessOrder","id":"0000000000000003","trace_id":"T","parent_id":"0000000000000001","type":"subsegment","start_time":1,"end_time":2,"annotations":{"upstream_trace_id":"{{{UpstreamB}}}"}}"""),
            Segment("""{"name":"Child","id":"0000000000000004","trace_id":"T","parent_id":"0000000000000003","type":"subsegment","start_time":1,"end_time":2}"""),
            Segment("""{"name":"ProcessOrder","id":"0000000000000005","trace_id":"T","parent_id":"0000000000000001","type":"subsegment","start_time":1,"end_time":2,"fault":true}"""),
            Segment("""{"name":"Initialization","id":"0000000000000006","trace_id":"T","parent_id":"0000000000000001","type":"subsegment","start_time":1,"end_time":2}"""),
        ];

        var lines = TraceTree.Render(trace, ConsumerPart.For(UpstreamA, trace)).ToList();

        Assert.Equal(3, lines.Count);
        Assert.Contains(UpstreamA, Assert.Single(lines, line => line.Contains("ProcessOrder", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains(lines, line => line.Contains("Initialization", StringComparison.Ordinal));
    }

    [Fact]
    public void For_SubsegmentsNamingNoTrace_KeepsTheWholeTrace()
    {
        IReadOnlyList<StoredSegment> trace =
        [
            Segment("""{"name":"Consumer","id":"0000000000000001","trace_id":"T","start_time":1,"end_time":2}"""),
            Segment("""{"name":"Work","id":"0000000000000002","trace_id":"T","parent_id":"0000000000000001","type":"subsegment","start_time":1,"end_time":2}"""),
        ];

        Assert.Equal(2, TraceTree.Render(trace, ConsumerPart.For(UpstreamA, trace)).Count());
    }

    private static StoredSegment Segment(string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.True(StoredSegment.TryRead(document.RootElement.Clone(), out var segment));
        return segment!;
    }
}
