using OrderPipeline.Tracing;

namespace OrderPipeline.Local.XRay;

/// <summary>
/// Where one invocation sits in its trace: <see cref="FunctionSegmentId"/> is the <c>Parent</c> of the trace header the
/// runtime is given (the function's own subsegments hang under it); <see cref="ParentId"/> is the caller's segment
/// (API Gateway's), null when the invocation starts the trace; <see cref="Links"/> point at upstream traces.
/// </summary>
internal sealed record LambdaInvocationTrace(
    string TraceId, string FunctionSegmentId, string? ParentId, IReadOnlyList<TraceLink> Links)
{
    /// <summary>A new trace for an invocation nothing upstream traced (an event source mapping's batch, <c>invoke</c>).</summary>
    public static LambdaInvocationTrace NewTrace(TimeProvider time, IReadOnlyList<TraceLink> links) =>
        new(XRayTraceId.Format(XRayTraceId.New(time)), SegmentDocuments.NewId(), null, links);

    /// <summary>The <c>Lambda-Runtime-Trace-Id</c> for the runtime: <c>Root=…;Parent=…;Sampled=1</c>.</summary>
    public string RuntimeTraceHeader =>
        new TraceHeader(TraceId, FunctionSegmentId, SamplingDecision.Sampled).ToString();
}
