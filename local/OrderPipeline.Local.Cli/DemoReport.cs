using System.Globalization;
using System.Text.Json;
using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.Cli;

/// <summary>Everything one demo run did and found; <see cref="Passed"/> decides the exit code.</summary>
internal sealed record DemoReport(
    IReadOnlyList<DemoRequest> Requests,
    string PoisonMessageId,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Links,
    IReadOnlyList<RunCheck> Checks,
    TraceStore Traces,
    TimeSpan StartUp,
    TimeSpan Submitting,
    TimeSpan Settling,
    DemoThroughput Throughput)
{
    public bool Passed => Checks.All(check => check.Passed);

    /// <summary>Prints each request's trace (and the part of each linked consumer trace that handled it), then the summary and the checks.</summary>
    public void Print(TextWriter output, ConsoleStyle style)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(style);
        var number = 0;
        foreach (var request in Requests)
        {
            number++;
            output.WriteLine();
            output.WriteLine(style.Bold(string.Create(
                CultureInfo.InvariantCulture,
                $"Request {number} ({request.Kind}): HTTP {request.Status} in {request.Latency.TotalMilliseconds:0.0} ms  {request.Body}")));
            if (request.TraceId is not { } traceId)
            {
                continue;
            }

            output.WriteLine($"  trace {traceId}");
            WriteTree(output, Traces.Trace(traceId), null);
            if (Links.TryGetValue(traceId, out var downstream))
            {
                foreach (var consumerTrace in downstream)
                {
                    output.WriteLine(style.Cyan($"  ⇢ linked trace {consumerTrace}"));
                    var consumer = Traces.Trace(consumerTrace);
                    WriteTree(output, consumer, ConsumerPart.For(traceId, consumer));
                }
            }
        }

        output.WriteLine();
        output.WriteLine(style.Bold("Summary"));
        var accepted = Requests.Count(request => request.Kind == "order" && request.Accepted);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {accepted} orders accepted; start-up {StartUp.TotalSeconds:0.0} s, submitting {Submitting.TotalSeconds:0.0} s, settling {Settling.TotalSeconds:0.0} s"));
        output.WriteLine("  " + Throughput.Describe());
        foreach (var check in Checks)
        {
            check.Print(output, style);
        }

        output.WriteLine(Passed ? style.Green("Demo passed.") : style.Red("Demo failed."));
    }

    private static void WriteTree(TextWriter output, IReadOnlyList<StoredSegment> trace, Func<StoredSegment, bool>? include)
    {
        foreach (var line in TraceTree.Render(trace, include))
        {
            output.WriteLine("    " + line);
        }
    }
}


/// <summary>
/// How fast the orders went through: <paramref name="Accepted"/> orders answered 2xx within <paramref name="Submitting"/>
/// (from the first order sent to the last answer), and all of them processed, with their consumer traces linked,
/// <paramref name="EndToEnd"/> after the first was sent (null when that never happened). Measured by polling every
/// 200 ms, so <paramref name="EndToEnd"/> is late by up to that much.
/// </summary>
internal sealed record DemoThroughput(int Accepted, TimeSpan Submitting, TimeSpan? EndToEnd)
{
    // A rate is given only for a span that holds at least MinimumOrders orders and lasts at least MinimumSpan. Below
    // that it measures the set-up, not the pipeline: the first orders of a run wait for the functions' instances to
    // cold-start (hundreds of milliseconds each), EndToEnd is read by polling every 200 ms (up to a tenth of a 2 s
    // span), and five orders in a second are not a throughput. Then only the count and the times are printed.
    public const int MinimumOrders = 50;

    public static readonly TimeSpan MinimumSpan = TimeSpan.FromSeconds(2);

    /// <summary>Orders accepted per second while submitting; null when the run is too small to have a rate.</summary>
    public double? AcceptedPerSecond => PerSecond(Submitting);

    /// <summary>Orders processed per second, end to end; null when not all were, or the run is too small to have a rate.</summary>
    public double? EndToEndPerSecond => EndToEnd is { } elapsed ? PerSecond(elapsed) : null;

    /// <summary>
    /// One line: <c>throughput: …</c> with the rates where they mean something, else <c>timing: …</c> with the count
    /// and the times alone.
    /// </summary>
    public string Describe()
    {
        var accepted = Text($"{Accepted} orders accepted in {Submitting.TotalSeconds:0.00} s")
            + (AcceptedPerSecond is { } acceptedRate ? Text($" ({acceptedRate:0} orders/s)") : "");
        var processed = EndToEnd is { } endToEnd
            ? Text($"all processed and linked {endToEnd.TotalSeconds:0.00} s after the first was sent")
                + (EndToEndPerSecond is { } endToEndRate ? Text($" ({endToEndRate:0} orders/s end to end)") : "")
            : "not every accepted order was processed";
        return AcceptedPerSecond is null && EndToEndPerSecond is null
            ? Text($"timing: {accepted}, {processed} (no orders/s below {MinimumOrders} orders over {MinimumSpan.TotalSeconds:0} s)")
            : $"throughput: {accepted}, {processed}";
    }

    private double? PerSecond(TimeSpan span) =>
        Accepted >= MinimumOrders && span >= MinimumSpan ? Accepted / span.TotalSeconds : null;

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Picks, in a consumer trace (one invocation for a whole batch), the part that handled one upstream request. The
/// per-record subsegments are those whose name some subsegment shares with one that names an upstream trace id in an
/// annotation (as the consumer's <c>ProcessOrder</c> does); of those, only the ones naming this upstream trace stay.
/// Everything else (the function's segments, its initialisation) stays, and a trace whose subsegments name no upstream
/// trace is shown whole.
/// </summary>
internal static class ConsumerPart
{
    public static Func<StoredSegment, bool> For(string upstreamTraceId, IReadOnlyList<StoredSegment> trace)
    {
        var recordNames = trace.Where(NamesAnyTrace).Select(segment => segment.Name).ToHashSet(StringComparer.Ordinal);
        return segment => segment.Type != "subsegment"
            || !recordNames.Contains(segment.Name)
            || Annotations(segment).Contains(upstreamTraceId, StringComparer.Ordinal);
    }

    private static bool NamesAnyTrace(StoredSegment segment) =>
        segment.Type == "subsegment" && Annotations(segment).Any(value => value.StartsWith("1-", StringComparison.Ordinal));

    private static IEnumerable<string> Annotations(StoredSegment segment) =>
        segment.Document.TryGetProperty("annotations", out var annotations) && annotations.ValueKind == JsonValueKind.Object
            ? annotations.EnumerateObject()
                .Where(pair => pair.Value.ValueKind == JsonValueKind.String)
                .Select(pair => pair.Value.GetString()!)
            : [];
}
