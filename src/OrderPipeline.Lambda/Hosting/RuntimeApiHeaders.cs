using System.Globalization;
using System.Net.Http.Headers;

namespace OrderPipeline.Lambda.Hosting;

/// <summary>The headers of Runtime API 2018-06-01, and the reader of an invocation's headers.</summary>
internal static class RuntimeApiHeaders
{
    public const string RequestId = "Lambda-Runtime-Aws-Request-Id";
    public const string DeadlineMs = "Lambda-Runtime-Deadline-Ms";
    public const string InvokedFunctionArn = "Lambda-Runtime-Invoked-Function-Arn";
    public const string TraceId = "Lambda-Runtime-Trace-Id";
    public const string FunctionErrorType = "Lambda-Runtime-Function-Error-Type";

    /// <summary>The X-Ray <c>cause</c> of an error post, as JSON (<see cref="ErrorCause"/>).</summary>
    public const string XRayErrorCause = "Lambda-Runtime-Function-XRay-Error-Cause";

    /// <summary>The mobile SDK's client context, as JSON; only on invocations that carry one.</summary>
    public const string ClientContext = "Lambda-Runtime-Client-Context";

    /// <summary>The Amazon Cognito identity of the caller, as JSON; only on invocations through the mobile SDK.</summary>
    public const string CognitoIdentity = "Lambda-Runtime-Cognito-Identity";

    /// <summary>
    /// Reads the invocation from the answer to <c>GET /runtime/invocation/next</c>. A missing request id or deadline
    /// breaks the contract: <see cref="RuntimeApiException"/>.
    /// </summary>
    public static Invocation ReadInvocation(HttpResponseHeaders headers, byte[] body)
    {
        var requestId = Single(headers, RequestId);
        if (string.IsNullOrEmpty(requestId))
        {
            throw new RuntimeApiException($"The next invocation has no {RequestId} header.");
        }

        if (!long.TryParse(Single(headers, DeadlineMs), NumberStyles.None, CultureInfo.InvariantCulture, out var deadlineMs)
            || deadlineMs > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            throw new RuntimeApiException($"Invocation {requestId} has no valid {DeadlineMs} header.");
        }

        return new Invocation(
            requestId,
            DateTimeOffset.FromUnixTimeMilliseconds(deadlineMs),
            Single(headers, InvokedFunctionArn) ?? string.Empty,
            Single(headers, TraceId) is { Length: > 0 } trace ? trace : null,
            body)
        {
            ClientContext = Single(headers, ClientContext) is { Length: > 0 } clientContext ? clientContext : null,
            CognitoIdentity = Single(headers, CognitoIdentity) is { Length: > 0 } identity ? identity : null,
        };
    }

    private static string? Single(HttpResponseHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values) ? values.ToString() : null;
}

/// <summary>One event handed out by <c>GET /runtime/invocation/next</c>.</summary>
internal sealed record Invocation(
    string RequestId,
    DateTimeOffset Deadline,
    string InvokedFunctionArn,
    string? TraceHeader,
    byte[] Event)
{
    /// <summary>The raw <c>Lambda-Runtime-Client-Context</c> header (JSON), read only when the handler asks for it.</summary>
    public string? ClientContext { get; init; }

    /// <summary>The raw <c>Lambda-Runtime-Cognito-Identity</c> header (JSON), read only when the handler asks for it.</summary>
    public string? CognitoIdentity { get; init; }
}
