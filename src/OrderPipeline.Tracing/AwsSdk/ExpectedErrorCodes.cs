using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace OrderPipeline.Tracing.AwsSdk;

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
