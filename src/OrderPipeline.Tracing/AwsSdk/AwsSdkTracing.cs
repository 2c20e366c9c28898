using System.Diagnostics;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace OrderPipeline.Tracing.AwsSdk;

/// <summary>
/// Traces every AWS SDK call as a <see cref="ActivityKind.Client"/> activity named after the service (<c>SQS</c>,
/// <c>DynamoDB</c>) with the <see cref="TraceTags"/> the X-Ray exporter reads, and carries the trace into SQS.
/// </summary>
/// <remarks>
/// An activity exists only when a listener of <see cref="ActivitySourceName"/> samples the call; otherwise the hook
/// does nothing. When the activity has a parent, <c>SendMessage</c> and every entry of <c>SendMessageBatch</c> get the
/// <c>AWSTraceHeader</c> message system attribute, and the request gets the <c>X-Amzn-Trace-Id</c> HTTP header, both
/// set to <see cref="TraceHeader.FromActivity"/> of the call's activity (its span id as Parent, the incoming header's
/// other fields such as Lineage kept). Ours wins over a caller-set <c>AWSTraceHeader</c> (it names the real parent) and over
/// the header the SDK derives from <c>_X_AMZN_TRACE_ID</c>; the caller's request object is given back as it was
/// once the call ends. Without a parent nothing is propagated: the hook never invents a trace.
/// <para>
/// A failed call is an X-Ray <c>fault</c> (5xx, or no answer), <c>error</c> (4xx) or <c>throttle</c> (429, or a
/// throttling error code whatever the status), with the exception as its <c>cause</c> and the service's error code as
/// <see cref="TraceTags.ErrorType"/>; a failure the caller named with <see cref="ExpectErrorCode"/> is no error at all.
/// </para>
/// </remarks>
public static class AwsSdkTracing
{
    public const string ActivitySourceName = "OrderPipeline.Tracing.AwsSdk";

    // The SDK's customizer registry is process-wide, so the source its handlers share is too. It never changes.
    private static readonly ActivitySource Source = new(ActivitySourceName);

    /// <summary>
    /// Adds the tracing handlers to the pipeline of every AWS service client created from now on; clients created
    /// earlier are not traced. Calling it again does nothing (the SDK keys customizers by name).
    /// </summary>
    public static void Register() =>
        RuntimePipelineCustomizerRegistry.Instance.Register(new AwsSdkPipelineCustomizer(Source));

    /// <summary>
    /// Declares that <paramref name="request"/> failing with the AWS error code <paramref name="errorCode"/> (e.g.
    /// <c>ConditionalCheckFailedException</c> for a conditional write that found the item) is an expected outcome of
    /// the caller's flow: its subsegment then carries no error flag and no cause, only the code as
    /// <see cref="TraceTags.ErrorType"/> metadata. The exception still reaches the caller. Call it before sending the
    /// request; calling it again adds codes.
    /// </summary>
    public static void ExpectErrorCode(AmazonWebServiceRequest request, string errorCode)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(errorCode);
        ExpectedErrorCodes.Add(request, errorCode);
    }
}

/// <summary>
/// The error codes a caller expects from one request (<see cref="AwsSdkTracing.ExpectErrorCode"/>), kept in the
/// request's own state dictionary, so they travel with the request into the pipeline and go away with it. One code is
/// kept as the string itself (no set allocated per request); a second turns it into a set.
/// </summary>
internal static class ExpectedErrorCodes
{
    private const string StateKey = "OrderPipeline.Tracing.AwsSdk.ExpectedErrorCodes";

    public static void Add(AmazonWebServiceRequest request, string errorCode)
    {
        var state = ((IAmazonWebServiceRequest)request).RequestState;
        state.TryGetValue(StateKey, out var value);
        if (value is HashSet<string> codes)
        {
            codes.Add(errorCode);
        }
        else if (value is string code && code != errorCode)
        {
            state[StateKey] = new HashSet<string>(StringComparer.Ordinal) { code, errorCode };
        }
        else
        {
            state[StateKey] = errorCode;
        }
    }

    public static bool Contains(AmazonWebServiceRequest? request, string? errorCode) =>
        errorCode is not null
        && request is IAmazonWebServiceRequest { RequestState: { } state }
        && state.TryGetValue(StateKey, out var value)
        && value switch
        {
            string code => code == errorCode,
            HashSet<string> codes => codes.Contains(errorCode),
            _ => false,
        };
}
