using System.Text.Json;
using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.Cli.Tests;

/// <summary>The demo's summary: a throughput only where it means something (the durations are passed in, not timed).</summary>
public sealed class DemoReportTests
{
    [Fact]
    public void Print_FiveOrdersInUnderASecond_PrintsTheCountAndTheTimesWithoutAThroughput()
    {
        var lines = Print(new DemoThroughput(5, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(1200)));

        Assert.DoesNotContain(lines, line => line.Contains("throughput", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("orders/s)", StringComparison.Ordinal));
        Assert.Contains(
            "  timing: 5 orders accepted in 0.40 s, all processed and linked 1.20 s after the first was sent (no orders/s below 50 orders over 2 s)",
            lines);
    }

    [Fact]
    public void Print_TwoHundredOrdersOverSeconds_PrintsTheThroughputWithBothRates()
    {
        var lines = Print(new DemoThroughput(200, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(4)));

        Assert.Contains(
            "  throughput: 200 orders accepted in 2.50 s (80 orders/s), all processed and linked 4.00 s after the first was sent (50 orders/s end to end)",
            lines);
        Assert.DoesNotContain(lines, line => line.Contains("timing:", StringComparison.Ordinal));
    }

    [Fact]
    public void Print_ManyOrdersSubmittedInUnderTwoSeconds_PrintsOnlyTheEndToEndRate()
    {
        var lines = Print(new DemoThroughput(200, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2.5)));

        Assert.Contains(
            "  throughput: 200 orders accepted in 1.00 s, all processed and linked 2.50 s after the first was sent (80 orders/s end to end)",
            lines);
    }

    [Fact]
    public void Print_NotEveryOrderProcessed_SaysSoWithoutAnEndToEndRate()
    {
        var lines = Print(new DemoThroughput(200, TimeSpan.FromSeconds(4), null));

        Assert.Contains("  throughput: 200 orders accepted in 4.00 s (50 orders/s), not every accepted order was processed", lines);
    }

    [Theory]
    [InlineData(49, 10.0, null)]
    [InlineData(50, 1.99, null)]
    [InlineData(50, 2.0, 25.0)]
    [InlineData(1000, 4.0, 250.0)]
    public void AcceptedPerSecond_OrdersOverSpan_IsARateOnlyFromFiftyOrdersOverTwoSeconds(int orders, double seconds, double? expected)
    {
        var throughput = new DemoThroughput(orders, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(seconds));

        Assert.Equal(expected, throughput.AcceptedPerSecond);
        Assert.Equal(expected, throughput.EndToEndPerSecond);
    }

    private static List<string> Print(DemoThroughput throughput)
    {
        var report = new DemoReport(
            [],
            "poison-message-id",
            new Dictionary<string, IReadOnlyList<string>>(),
            [new RunCheck("every order was accepted", true, "all")],
            new TraceStore(),
            TimeSpan.FromSeconds(3),
            TimeSpan.FromSeconds(1),
            TimeSpan.FromSeconds(2),
            throughput);
        using var output = new StringWriter();

        report.Print(output, new ConsoleStyle(enabled: false));

        return [.. output.ToString().Split(Environment.NewLine)];
    }
}

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
            Segment("""{"name":"Init","id":"0000000000000006","trace_id":"T","parent_id":"0000000000000001","type":"subsegment","start_time":1,"end_time":2}"""),
        ];

        var lines = TraceTree.Render(trace, ConsumerPart.For(UpstreamA, trace)).ToList();

        Assert.Equal(3, lines.Count);
        Assert.Contains(UpstreamA, Assert.Single(lines, line => line.Contains("ProcessOrder", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains(lines, line => line.Contains("Init  ", StringComparison.Ordinal));
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
