using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace OrderPipeline.Local.Sqs;

/// <summary>The HTTP side of the service: the AWS JSON 1.0 headers, header capture, request checks and answer shapes.</summary>
internal static class SqsHttp
{
    public const string TargetHeader = "X-Amz-Target";
    public const string TargetPrefix = "AmazonSQS.";
    public const string JsonContentType = "application/x-amz-json-1.0";
    public const string RequestIdHeader = "x-amzn-RequestId";
    public const string QueryErrorHeader = "x-amzn-query-error";
    public const string AuthorizationHeader = "Authorization";

    /// <summary>
    /// The X-Ray trace header a traced SDK client sends with SendMessage and SendMessageBatch; SQS keeps it as each
    /// message's <c>AWSTraceHeader</c> unless the message sets that system attribute itself.
    /// </summary>
    public const string TraceHeader = "X-Amzn-Trace-Id";

    private const string CredentialPrefix = "Credential=";

    // A body that declares its length up to this size is read straight into an array of that length (an SQS request
    // carries at most 1 MiB of message data); larger or chunked bodies are copied through a growing buffer.
    private const int PresizedBodyLimit = 2 * 1024 * 1024;

    public static IReadOnlyDictionary<string, string> Headers(IHeaderDictionary headers)
    {
        var copy = new Dictionary<string, string>(headers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            copy[name] = value.ToString();
        }

        return copy;
    }

    /// <summary>The whole request body, in one array of its exact length.</summary>
    public static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } length and <= PresizedBodyLimit)
        {
            var body = new byte[length];
            var read = await request.Body.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false, cancellationToken)
                .ConfigureAwait(false);
            return read == body.Length ? body : body[..read];
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    public static bool IsMediaType(string? contentType, string mediaType) =>
        contentType is not null
        && contentType.Split(';')[0].Trim().Equals(mediaType, StringComparison.OrdinalIgnoreCase);

    /// <summary>The Authorization header's value; an absent or blank one is refused as SQS refuses an unsigned request.</summary>
    public static string RequireAuthorization(string authorization) =>
        string.IsNullOrWhiteSpace(authorization)
            ? throw new SqsProtocolException(SqsError.MissingAuthenticationToken())
            : authorization;

    /// <summary>The access key id from a SigV4 <c>Authorization</c> header, or the local account id.</summary>
    public static string AccessKeyId(string authorization)
    {
        var start = authorization.IndexOf(CredentialPrefix, StringComparison.Ordinal);
        if (start < 0)
        {
            return LocalAccount.Id;
        }

        var credential = authorization.AsSpan(start + CredentialPrefix.Length);
        var end = credential.IndexOf('/');
        return end > 0 ? credential[..end].ToString() : LocalAccount.Id;
    }

    /// <summary><c>scheme://host[:port]</c> as the client called it; the loopback address and port when Host is absent.</summary>
    public static string ServiceUrl(HttpContext context) =>
        context.Request.Host.HasValue
            ? $"{context.Request.Scheme}://{context.Request.Host.Value}"
            : SqsQueueRegistry.ServiceUrlFor(context.Connection.LocalPort);

    public static JsonDocument ParseJson(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw new SqsProtocolException(SqsError.Serialization("The request body is not valid JSON."));
        }

        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            return document;
        }

        document.Dispose();
        throw new SqsProtocolException(SqsError.Serialization("The request body must be a JSON object."));
    }

    public static async Task WriteAsync(
        HttpResponse response, int statusCode, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        response.StatusCode = statusCode;
        response.ContentType = JsonContentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }

    public static Task WriteErrorAsync(HttpResponse response, SqsError error, CancellationToken cancellationToken)
    {
        if (error.QueryErrorHeader is { } queryError)
        {
            response.Headers[QueryErrorHeader] = queryError;
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("__type", error.Type);
            writer.WriteString("message", error.Message);
            writer.WriteEndObject();
        }

        return WriteAsync(response, error.StatusCode, stream.ToArray(), cancellationToken);
    }
}
