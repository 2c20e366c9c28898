using OrderPipeline.Local.Cli.Bench.Statistics;
using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.Cli.Bench.Pipeline;

/// <summary>
/// The pipeline part: <see cref="Orders"/> orders at <see cref="Concurrency"/>, of which <see cref="Accepted"/> were
/// answered 2xx with a trace id and <see cref="Processed"/> were processed (their trace linked from a successful
/// invocation of a queue-triggered function). Latency runs from the 2xx answer's arrival to the end of that
/// invocation (<see cref="ProcessedIndex"/>).
/// </summary>
internal sealed record PipelineResult(
    FunctionBuildMode Mode,
    int Orders,
    int Concurrency,
    int Accepted,
    int Processed,
    TimeSpan Submitting,
    TimeSpan? AllProcessedAfter,
    SampleSummary? LatencyMs,
    IReadOnlyList<CpuShare> CpuPerOrder)
{
    public const string LatencySource =
        "answer received by the client -> end of the consumer invocation whose AWS::Lambda segment links the order's trace";

    public double AcceptedPerSecond => Accepted / Math.Max(Submitting.TotalSeconds, 1e-3);

    public double? ProcessedPerSecond =>
        AllProcessedAfter is { } elapsed && Processed == Accepted ? Processed / Math.Max(elapsed.TotalSeconds, 1e-3) : null;

    /// <summary>The stack's CPU per order: every share but the bench's own driver.</summary>
    public double StackMillisecondsPerOrder => CpuPerOrder.Where(share => share.PartOfStack).Sum(share => share.MillisecondsPerOrder);
}
