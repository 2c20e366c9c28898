using OrderPipeline.Tracing;

namespace OrderPipeline.Local.ApiGateway;

/// <summary>
/// The headers API Gateway adds to what the client sent before building the event: <c>X-Forwarded-For</c> (the
/// client address appended to any the client sent), <c>X-Forwarded-Port</c> and <c>X-Forwarded-Proto</c> (of the
/// listener: the local port and <c>http</c>), and <c>X-Amzn-Trace-Id</c> (replacing the client's).
/// </summary>
internal static class ForwardedHeaders
{
    public const string ForwardedFor = "X-Forwarded-For";
    public const string ForwardedPort = "X-Forwarded-Port";
    public const string ForwardedProto = "X-Forwarded-Proto";

    public static IReadOnlyList<KeyValuePair<string, string[]>> Apply(ApiRequest request, string traceHeader)
    {
        ArgumentNullException.ThrowIfNull(request);
        var forwardedFor = request.Header(ForwardedFor) is { Length: > 0 } upstream
            ? $"{upstream}, {request.SourceIp}"
            : request.SourceIp;
        var headers = request.Headers.ToList();
        Set(headers, ForwardedFor, forwardedFor);
        Set(headers, ForwardedPort, request.LocalPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set(headers, ForwardedProto, "http");
        Set(headers, TraceHeader.HeaderName, traceHeader);
        return headers;
    }

    private static void Set(List<KeyValuePair<string, string[]>> headers, string name, string value)
    {
        var index = headers.FindIndex(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            headers.Add(new(name, [value]));
        }
        else
        {
            headers[index] = new(headers[index].Key, [value]);
        }
    }
}
