using System.Text;
using System.Text.Json;

namespace OrderPipeline.Local.ApiGateway;

/// <summary>
/// An HTTP request taken from an API Gateway proxy event file (such as events/api-post-order.json): the method, the
/// resource path, the body (base64-decoded when the event says so) and the client's own headers. The headers that API
/// Gateway adds (<c>X-Forwarded-*</c>, <c>X-Amzn-Trace-Id</c>, <c>Host</c>) are left out: the local API Gateway adds its
/// own, and each request starts its own trace.
/// </summary>
internal sealed record SampleRequest(string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    private static readonly string[] GatewayHeaders = ["Host", "X-Amzn-Trace-Id", "Content-Length"];

    /// <exception cref="InvalidDataException">The file is not a proxy event with httpMethod and path.</exception>
    public static SampleRequest Load(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var method = root.GetProperty("httpMethod").GetString()
                ?? throw new InvalidDataException($"{path}: httpMethod is null.");
            var resource = root.TryGetProperty("resource", out var r) && r.GetString() is { } template && !template.Contains('{', StringComparison.Ordinal)
                ? template
                : root.GetProperty("path").GetString() ?? throw new InvalidDataException($"{path}: path is null.");
            var headers = new List<KeyValuePair<string, string>>();
            if (root.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Object)
            {
                foreach (var header in h.EnumerateObject())
                {
                    if (header.Value.GetString() is { } value && !IsGatewayHeader(header.Name))
                    {
                        headers.Add(new(header.Name, value));
                    }
                }
            }

            var body = root.TryGetProperty("body", out var b) && b.GetString() is { } text ? text : "";
            var base64 = root.TryGetProperty("isBase64Encoded", out var encoded) && encoded.ValueKind == JsonValueKind.True;
            return new SampleRequest(method, resource, headers, base64 ? Convert.FromBase64String(body) : Encoding.UTF8.GetBytes(body));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path} is not an API Gateway proxy event: {ex.Message}", ex);
        }
    }

    public HttpRequestMessage ToHttpRequest(Uri url)
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), url) { Content = new ByteArrayContent(Body) };
        foreach (var (name, value) in Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    private static bool IsGatewayHeader(string name) =>
        name.StartsWith("X-Forwarded-", StringComparison.OrdinalIgnoreCase)
        || GatewayHeaders.Contains(name, StringComparer.OrdinalIgnoreCase);
}
