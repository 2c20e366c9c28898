using OrderPipeline.Local.XRay;
using OrderPipeline.Tracing;

namespace OrderPipeline.Local.ApiGateway;

/// <summary>
/// The trace one request belongs to. An incoming <c>X-Amzn-Trace-Id</c> that parses continues its trace: same Root,
/// its Parent becomes the stage segment's parent, and its other parts (such as <c>Lineage</c>) travel on to the
/// function verbatim. Its decision is honoured: <c>Sampled=1</c> is recorded and <c>Sampled=0</c> is not, whatever the
/// rules say (https://docs.aws.amazon.com/xray/latest/devguide/xray-concepts.html#xray-concepts-tracingheader).
/// Without a decision (no header, one that does not parse, <c>Sampled=?</c> or no <c>Sampled</c>) the stage's
/// sampling rules decide (https://docs.aws.amazon.com/xray/latest/devguide/xray-services-apigateway.html), and
/// <see cref="SamplingRuleName"/> names the rule that did.
/// </summary>
internal sealed record ApiTrace(
    string Root,
    string? IncomingParent,
    bool Sampled,
    string? SamplingRuleName,
    IReadOnlyList<KeyValuePair<string, string>> OtherFields,
    string StageSegmentId,
    string IntegrationSubsegmentId,
    string FunctionSegmentId)
{
    /// <param name="incomingHeader">The request's <c>X-Amzn-Trace-Id</c>; null when absent.</param>
    /// <param name="time">The clock of a new trace id.</param>
    /// <param name="decide">The sampling rules' decision, asked only when the header carries none.</param>
    public static ApiTrace From(string? incomingHeader, TimeProvider time, Func<SamplingVerdict> decide)
    {
        ArgumentNullException.ThrowIfNull(decide);
        if (incomingHeader is not null && TraceHeader.TryParse(incomingHeader, out var header))
        {
            return header.Sampled switch
            {
                SamplingDecision.Sampled => New(header.Root, header.Parent, true, null, header.OtherFields),
                SamplingDecision.NotSampled => New(header.Root, header.Parent, false, null, header.OtherFields),
                _ => New(header.Root, header.Parent, decide(), header.OtherFields),
            };
        }

        return New(XRayTraceId.Format(XRayTraceId.New(time)), null, decide(), []);
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
        string root, string? parent, SamplingVerdict verdict, IReadOnlyList<KeyValuePair<string, string>> otherFields) =>
        New(root, parent, verdict.Sampled, verdict.RuleName, otherFields);

    private static ApiTrace New(
        string root, string? parent, bool sampled, string? ruleName, IReadOnlyList<KeyValuePair<string, string>> otherFields) =>
        new(root, parent, sampled, ruleName, otherFields, SegmentDocuments.NewId(), SegmentDocuments.NewId(), SegmentDocuments.NewId());
}
