using Microsoft.AspNetCore.Http;

namespace OrderPipeline.Local.ApiGateway;

/// <summary>
/// Sends a proxy response to the client as API Gateway does: each header value on its own line, <c>Content-Type</c>
/// <c>application/json</c> when the function set none, framing headers (<c>Content-Length</c>,
/// <c>Transfer-Encoding</c>, <c>Connection</c>) its own, and the <c>x-amzn-RequestId</c>, <c>x-amz-apigw-id</c> and
/// <c>X-Amzn-Trace-Id</c> headers added.
/// </summary>
internal static class ProxyResponseWriter
{
    public const string RequestIdHeader = "x-amzn-RequestId";
    public const string ExtendedRequestIdHeader = "x-amz-apigw-id";
    private const string DefaultContentType = "application/json";
    private static readonly string[] FramingHeaders = ["Content-Length", "Transfer-Encoding", "Connection"];

    /// <param name="context">The client's exchange.</param>
    /// <param name="response">What to send.</param>
    /// <param name="ids">The request's ids.</param>
    /// <param name="trace">The request's trace; null before one was decided (no route).</param>
    public static async Task WriteAsync(HttpContext context, ProxyResponse response, GatewayRequestIds ids, ApiTrace? trace)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(ids);
        var http = context.Response;
        http.StatusCode = response.StatusCode;
        foreach (var (name, values) in response.Headers)
        {
            if (!FramingHeaders.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                http.Headers.Append(name, values);
            }
        }

        if (string.IsNullOrEmpty(http.ContentType))
        {
            http.ContentType = DefaultContentType;
        }

        http.Headers[RequestIdHeader] = ids.RequestId;
        http.Headers[ExtendedRequestIdHeader] = ids.ExtendedRequestId;
        if (trace is not null)
        {
            http.Headers[Tracing.TraceHeader.HeaderName] = trace.ResponseHeader;
        }

        http.ContentLength = response.Body.Length;
        await http.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
