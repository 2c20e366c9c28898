using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OrderPipeline.Local.ApiGateway;

/// <summary>
/// Writes the REST API's Lambda proxy integration event (payload format 1.0) with the field names and order Lambda
/// receives. Single-value maps hold the last value of a repeated header or parameter, multi-value maps every value;
/// maps with no entries are null. The body is null when empty; base64 with <c>isBase64Encoded</c> true when the
/// request's <c>Content-Type</c> matches one of the API's <c>BinaryMediaTypes</c>; otherwise the text (bytes that are
/// not UTF-8 replaced by U+FFFD) with <c>isBase64Encoded</c> false, as API Gateway passes a text payload
/// (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html).
/// </summary>
internal static class ProxyEventWriter
{
    private const string RequestTimeFormat = "dd/MMM/yyyy:HH:mm:ss +0000";
    // Lambda's events carry non-ASCII text and characters such as + and < unescaped; this is not HTML.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(
        ApiRequest request, RouteMatch match, IReadOnlyList<KeyValuePair<string, string[]>> headers,
        GatewayRequestIds ids, string accountId)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(ids);
        var route = match.Route;
        var buffer = new ArrayBufferWriter<byte>(1024 + request.Body.Length * 2);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("resource", route.ResourcePath);
            writer.WriteString("path", request.Path);
            writer.WriteString("httpMethod", request.Method);
            WriteMaps(writer, "headers", "multiValueHeaders", headers);
            WriteMaps(writer, "queryStringParameters", "multiValueQueryStringParameters", QueryString.Group(request.Query));
            WriteMap(writer, "pathParameters", match.PathParameters);
            writer.WriteNull("stageVariables");
            writer.WriteStartObject("requestContext");
            writer.WriteString("resourceId", route.ResourceId);
            writer.WriteString("resourcePath", route.ResourcePath);
            writer.WriteString("httpMethod", request.Method);
            writer.WriteString("extendedRequestId", ids.ExtendedRequestId);
            writer.WriteString("requestTime", ids.ReceivedAt.UtcDateTime.ToString(RequestTimeFormat, CultureInfo.InvariantCulture));
            writer.WriteString("path", request.StagePath);
            writer.WriteString("accountId", accountId);
            writer.WriteString("protocol", request.Protocol);
            writer.WriteString("stage", route.Api.StageName);
            writer.WriteString("domainPrefix", DomainPrefix(request.Host));
            writer.WriteNumber("requestTimeEpoch", ids.ReceivedAt.ToUnixTimeMilliseconds());
            writer.WriteString("requestId", ids.RequestId);
            WriteIdentity(writer, request);
            writer.WriteString("domainName", request.Host);
            writer.WriteString("apiId", route.Api.Id);
            writer.WriteEndObject();
            WriteBody(writer, request.Body.Span, route.Api.IsBinary(request.Header("Content-Type")));
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The first label of the host (<c>a1b2c3d4e5</c> of <c>a1b2c3d4e5.execute-api…</c>), port dropped.</summary>
    private static string DomainPrefix(string host)
    {
        var end = host.AsSpan().IndexOfAny('.', ':');
        return end < 0 ? host : host[..end];
    }

    private static void WriteIdentity(Utf8JsonWriter writer, ApiRequest request)
    {
        writer.WriteStartObject("identity");
        foreach (var name in (ReadOnlySpan<string>)["cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller"])
        {
            writer.WriteNull(name);
        }

        writer.WriteString("sourceIp", request.SourceIp);
        foreach (var name in (ReadOnlySpan<string>)["principalOrgId", "accessKey", "cognitoAuthenticationType", "cognitoAuthenticationProvider", "userArn"])
        {
            writer.WriteNull(name);
        }

        writer.WriteString("userAgent", request.Header("User-Agent"));
        writer.WriteNull("user");
        writer.WriteEndObject();
    }

    private static void WriteBody(Utf8JsonWriter writer, ReadOnlySpan<byte> body, bool binary)
    {
        if (body.IsEmpty)
        {
            writer.WriteNull("body");
            writer.WriteBoolean("isBase64Encoded", false);
            return;
        }

        writer.WriteString("body", binary ? Convert.ToBase64String(body) : Encoding.UTF8.GetString(body));
        writer.WriteBoolean("isBase64Encoded", binary);
    }

    private static void WriteMaps(
        Utf8JsonWriter writer, string single, string multi, IReadOnlyList<KeyValuePair<string, string[]>> entries)
    {
        WriteMap(writer, single, entries.Select(entry => new KeyValuePair<string, string>(entry.Key, entry.Value[^1])).ToList());
        if (entries.Count == 0)
        {
            writer.WriteNull(multi);
            return;
        }

        writer.WriteStartObject(multi);
        foreach (var (name, values) in entries)
        {
            writer.WriteStartArray(name);
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter writer, string name, IReadOnlyCollection<KeyValuePair<string, string>> entries)
    {
        if (entries.Count == 0)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartObject(name);
        foreach (var (key, value) in entries)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }
}
