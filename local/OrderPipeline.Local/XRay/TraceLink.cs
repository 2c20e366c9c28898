namespace OrderPipeline.Local.XRay;

/// <summary>A link from a segment to a segment of another trace (for SQS: the producer's, from <c>AWSTraceHeader</c>).</summary>
/// <param name="TraceId">The linked trace, <c>1-…-…</c>.</param>
/// <param name="SegmentId">The linked segment (the header's <c>Parent</c>).</param>
internal sealed record TraceLink(string TraceId, string SegmentId);
