using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace OrderPipeline.Local.DynamoDb;

/// <summary>
/// The HTTP side of the service: the AWS JSON 1.0 headers, body reading, header capture, JSON parsing and the answer
/// shapes.
/// </summary>
internal static class DynamoDbHttp
{
    public const string TargetHeader = "X-Amz-Target";
    public const string TargetPrefix = "DynamoDB_20120810.";
    public const string RequestIdHeader = "x-amzn-RequestId";
    public const string AuthorizationHeader = "Authorization";
    public const string JsonContentType = "application/x-amz-json-1.0";
    public const string Crc32Header = "x-amz-crc32";

    /// <summary>DynamoDB's request size limit: 16 MB.</summary>
    private const long MaxRequestBytes = 16 * 1024 * 1024;

    /// <summary>Deep enough for DynamoDB's 32 levels of nested attribute values (two JSON levels each) and the request.</summary>
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 128 };

    /// <summary>The whole request body; refuses one over DynamoDB's 16 MB request limit.</summary>
    public static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxRequestBytes)
        {
            throw TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxRequestBytes)
            {
                throw TooLarge();
            }
        }

        return buffer.ToArray();
    }

    public static IReadOnlyDictionary<string, string> Headers(IHeaderDictionary headers) =>
        headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    public static bool IsMediaType(string? contentType, string mediaType) =>
        contentType is not null
        && contentType.Split(';')[0].Trim().Equals(mediaType, StringComparison.OrdinalIgnoreCase);

    public static JsonDocument ParseJson(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, ParseOptions);
        }
        catch (JsonException)
        {
            throw new DynamoDbProtocolException(DynamoDbError.Serialization("The request body is not valid JSON."));
        }

        if (document.RootElement.ValueKind == JsonValueKind.Object && HasReadableStrings(document.RootElement))
        {
            return document;
        }

        var isObject = document.RootElement.ValueKind == JsonValueKind.Object;
        document.Dispose();
        throw new DynamoDbProtocolException(DynamoDbError.Serialization(isObject
            ? "The request body holds a string that is not valid UTF-16 (a lone surrogate escape)."
            : "The request body must be a JSON object."));
    }

    /// <summary>
    /// Whether every string and member name can be read: JSON allows escaped lone surrogates (<c>"\ud800"</c>), which
    /// System.Text.Json refuses to read as strings.
    /// </summary>
    private static bool HasReadableStrings(JsonElement element)
    {
        try
        {
            return element.ValueKind switch
            {
                JsonValueKind.String => element.GetString() is not null,
                JsonValueKind.Array => element.EnumerateArray().All(HasReadableStrings),
                JsonValueKind.Object => element.EnumerateObject().All(member => member.Name is not null && HasReadableStrings(member.Value)),
                _ => true,
            };
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Writes the answer with its <c>x-amz-crc32</c> header: the body's CRC-32 as an unsigned decimal.</summary>
    public static async Task WriteAsync(
        HttpResponse response, int statusCode, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        response.StatusCode = statusCode;
        response.ContentType = JsonContentType;
        response.ContentLength = body.Length;
        response.Headers[Crc32Header] = Crc32.Compute(body.Span).ToString(CultureInfo.InvariantCulture);
        await response.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }

    private static DynamoDbProtocolException TooLarge() =>
        new(DynamoDbError.Validation($"Request size exceeded {MaxRequestBytes} bytes"));

    public static Task WriteErrorAsync(
        HttpResponse response, DynamoDbProtocolException rejected, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("__type", rejected.Error.Type);
            writer.WriteString("message", rejected.Error.Message);
            if (rejected.Item is { } item)
            {
                writer.WriteStartObject("Item");
                foreach (var (name, value) in item)
                {
                    writer.WritePropertyName(name);
                    value.WriteTo(writer);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return WriteAsync(response, rejected.Error.StatusCode, stream.ToArray(), cancellationToken);
    }
}

/// <summary>
/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum DynamoDB sends in <c>x-amz-crc32</c> and the
/// AWS SDKs verify against the response body.
/// </summary>
internal static class Crc32
{
    private const uint Polynomial = 0xEDB88320;

    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        foreach (var value in data)
        {
            crc = Table[(crc ^ value) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var index = 0u; index < table.Length; index++)
        {
            var entry = index;
            for (var bit = 0; bit < 8; bit++)
            {
                entry = (entry & 1) != 0 ? (entry >> 1) ^ Polynomial : entry >> 1;
            }

            table[index] = entry;
        }

        return table;
    }
}
