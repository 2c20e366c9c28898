using OrderPipeline.Local.XRay;
using OrderPipeline.Tracing;

namespace OrderPipeline.Local.ApiGateway;

/// <summary>
/// The trace one request belongs to. An incoming <c>X-Amzn-Trace-Id</c> that parses continues its trace: same Root,
/// its Parent becomes the stage segment's parent, <c>Sampled=0</c> keeps the request unrecorded, and its other parts
/// (such as <c>Lineage</c>) travel on to the function verbatim. Without one (or with one that does not parse) the
/// request starts a new, sampled trace. <c>Sampled=?</c> and a missing decision are sampled, as the default rule's
/// reservoir does for a local request rate.
/// </summary>
internal sealed record ApiTrace(
    string Root,
    string? IncomingParent,
    bool Sampled,
    IReadOnlyList<KeyValuePair<string, string>> OtherFields,
    string StageSegmentId,
    string IntegrationSubsegmentId,
    string FunctionSegmentId)
{
    public static ApiTrace From(string? incomingHeader, TimeProvider time)
    {
        if (incomingHeader is not null && TraceHeader.TryParse(incomingHeader, out var header))
        {
            return New(header.Root, header.Parent, header.Sampled != SamplingDecision.NotSampled, header.OtherFields);
        }

        return New(XRayTraceId.Format(XRayTraceId.New(time)), null, true, []);
    }

    /// <summary>The <c>X-Amzn-Trace-Id</c> API Gateway adds to the event's headers: <c>Root=…</c>.</summary>
    public string EventHeader => new TraceHeader(Root, null, SamplingDecision.Unknown).ToString();

    /// <summary>The <c>X-Amzn-Trace-Id</c> of the HTTP response: <c>Root=…;Sampled=1|0</c>.</summary>
    public string ResponseHeader => new TraceHeader(Root, null, Decision).ToString();

    /// <summary>
    /// The <c>Lambda-Runtime-Trace-Id</c>: Root, Parent = the function segment, <c>Sampled=1</c> only when Lambda
    /// records the invocation (<paramref name="recorded"/>), then the header's other fields.
    /// </summary>
    public string RuntimeHeader(bool recorded) => new TraceHeader(
        Root, FunctionSegmentId, recorded ? SamplingDecision.Sampled : SamplingDecision.NotSampled, OtherFields).ToString();

    private SamplingDecision Decision => Sampled ? SamplingDecision.Sampled : SamplingDecision.NotSampled;

    /// <summary>The Lambda invocation's place: under the integration subsegment when API Gateway traces, else a root.</summary>
    public LambdaInvocationTrace Invocation(bool underApiGateway) =>
        new(Root, FunctionSegmentId, underApiGateway ? IntegrationSubsegmentId : null, []);

    private static ApiTrace New(
        string root, string? parent, bool sampled, IReadOnlyList<KeyValuePair<string, string>> otherFields) =>
        new(root, parent, sampled, otherFields, SegmentDocuments.NewId(), SegmentDocuments.NewId(), SegmentDocuments.NewId());
}
