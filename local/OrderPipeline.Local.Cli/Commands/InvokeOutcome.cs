using OrderPipeline.Local.Lambda;
using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.Cli.Commands;

/// <summary>What one <c>invoke</c> produced: the invocation's result and its whole trace.</summary>
internal sealed record InvokeOutcome(string TraceId, InvocationResult Result, IReadOnlyList<StoredSegment> Trace);
