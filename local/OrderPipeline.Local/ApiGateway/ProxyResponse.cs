using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace OrderPipeline.Local.ApiGateway;

/// <summary>A function's proxy response, read and merged: headers one entry per name, the body decoded.</summary>
internal sealed record ProxyResponse(int StatusCode, IReadOnlyList<KeyValuePair<string, string[]>> Headers, byte[] Body);

/// <summary>
/// Reads a function's response as a REST API's Lambda proxy integration does. It must be a JSON object with only
/// <c>statusCode</c> (required, an integer 100–599), <c>headers</c> (name → string, number or boolean),
/// <c>multiValueHeaders</c> (name → array of those), <c>body</c> (string or null) and <c>isBase64Encoded</c>; anything
/// else is a malformed proxy response (API Gateway answers 502). Headers and multi-value headers merge, and for a name
/// in both only the multi-value values are kept. A base64 body is decoded (what an API whose binary media types
/// match the response sends; locally every API is treated so).
/// </summary>
internal static class ProxyResponseReader
{
    private const string StatusCodeField = "statusCode";
    private const string HeadersField = "headers";
    private const string MultiValueHeadersField = "multiValueHeaders";
    private const string BodyField = "body";
    private const string IsBase64EncodedField = "isBase64Encoded";

    /// <summary>Never throws: false for a response API Gateway would call malformed.</summary>
    public static bool TryRead(ReadOnlyMemory<byte> json, out ProxyResponse? response)
    {
        response = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            return TryRead(document.RootElement, out response);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryRead(JsonElement root, out ProxyResponse? response)
    {
        response = null;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty(StatusCodeField, out var status)
            || status.ValueKind != JsonValueKind.Number
            || !status.TryGetInt32(out var statusCode)
            || statusCode is < 100 or > 599)
        {
            return false;
        }

        var headers = new List<KeyValuePair<string, string[]>>();
        string? body = null;
        var base64 = false;
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case StatusCodeField:
                    break;
                case HeadersField when value.ValueKind == JsonValueKind.Object:
                    headers.AddRange(value.EnumerateObject().Select(header => new KeyValuePair<string, string[]>(header.Name, [Scalar(header.Value)])));
                    break;
                case MultiValueHeadersField when value.ValueKind == JsonValueKind.Object:
                    break;
                case BodyField when value.ValueKind is JsonValueKind.String or JsonValueKind.Null:
                    body = value.GetString();
                    break;
                case IsBase64EncodedField when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    base64 = value.GetBoolean();
                    break;
                case HeadersField or MultiValueHeadersField or BodyField or IsBase64EncodedField when value.ValueKind == JsonValueKind.Null:
                    break;
                default:
                    return false;
            }
        }

        if (root.TryGetProperty(MultiValueHeadersField, out var multi) && multi.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in multi.EnumerateObject())
            {
                if (header.Value.ValueKind != JsonValueKind.Array)
                {
                    return false;
                }

                headers.RemoveAll(existing => string.Equals(existing.Key, header.Name, StringComparison.OrdinalIgnoreCase));
                headers.Add(new(header.Name, [.. header.Value.EnumerateArray().Select(Scalar)]));
            }
        }

        var bytes = body is null ? [] : base64 ? Convert.FromBase64String(body) : Encoding.UTF8.GetBytes(body);
        response = new ProxyResponse(statusCode, headers, bytes);
        return true;
    }

    /// <exception cref="FormatException">The value is not a string, number or boolean.</exception>
    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => value.GetBoolean() ? "true" : "false",
        _ => throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"A header value cannot be {value.ValueKind}.")),
    };
}

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
