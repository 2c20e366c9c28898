using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OrderPipeline.Local.XRay.Api;

/// <summary>
/// The subset of the X-Ray API the local stack serves, in its REST-JSON shape so that AWS SDK X-Ray clients work:
/// <c>POST /Traces</c> (BatchGetTraces), <c>POST /TraceSummaries</c> (GetTraceSummaries) and <c>POST /ServiceGraph</c>
/// (GetServiceGraph). Anything else, and any request it cannot read, gets an AWS-shaped error.
/// </summary>
internal sealed class XRayApi
{
    public const string ErrorTypeHeader = "x-amzn-ErrorType";
    public const string RequestIdHeader = "x-amzn-RequestId";
    public const string JsonContentType = "application/json";
    private const int MaxRequestBytes = 1024 * 1024;

    // The answers are JSON for API clients, never HTML: keep quotes and non-ASCII readable in Document strings.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Dictionary<string, Action<JsonElement, Utf8JsonWriter>> _operations;

    public XRayApi(TraceStore store)
        : this(store, XRayApiPaging.Default)
    {
    }

    /// <summary>With page sizes of its own, for tests that page through a few traces.</summary>
    internal XRayApi(TraceStore store, XRayApiPaging paging)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(paging);
        ArgumentOutOfRangeException.ThrowIfLessThan(paging.SummariesPerPage, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(paging.TraceBytesPerPage, 1);
        _operations = new(StringComparer.Ordinal)
        {
            ["/Traces"] = new BatchGetTracesOperation(store, paging).Execute,
            ["/TraceSummaries"] = new TraceSummariesOperation(store, paging).Execute,
            ["/ServiceGraph"] = new ServiceGraphOperation(store).Execute,
        };
    }

    /// <summary>Routes every method and path here; meant for a port of its own, as X-Ray is at its own host name.</summary>
    public IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.Map("/{**path}", HandleAsync);
    }

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var cancellationToken = context.RequestAborted;
        context.Response.Headers[RequestIdHeader] = Guid.NewGuid().ToString();
        try
        {
            if (!HttpMethods.IsPost(request.Method) || !_operations.TryGetValue(request.Path.Value ?? "", out var operation))
            {
                throw new XRayApiException(XRayApiError.UnknownOperation(request.Method, request.Path.Value ?? "/"));
            }

            using var document = Parse(await ReadBodyAsync(request, cancellationToken).ConfigureAwait(false));
            var output = new ArrayBufferWriter<byte>(1024);
            using (var writer = new Utf8JsonWriter(output, WriterOptions))
            {
                operation(document.RootElement, writer);
            }

            await WriteAsync(context.Response, StatusCodes.Status200OK, output.WrittenMemory, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (XRayApiException rejected)
        {
            context.Response.Headers[ErrorTypeHeader] = rejected.Error.Code;
            await WriteAsync(context.Response, rejected.Error.StatusCode, ErrorBody(rejected.Error), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxRequestBytes)
            {
                throw new XRayApiException(XRayApiError.InvalidRequest($"The request body exceeds {MaxRequestBytes} bytes."));
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static JsonDocument Parse(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.Length == 0 ? "{}"u8.ToArray() : body);
        }
        catch (JsonException)
        {
            throw new XRayApiException(XRayApiError.Serialization("The request body is not valid JSON."));
        }

        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            return document;
        }

        document.Dispose();
        throw new XRayApiException(XRayApiError.Serialization("The request body must be a JSON object."));
    }

    private static byte[] ErrorBody(XRayApiError error)
    {
        var output = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(output, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("__type", error.Code);
            writer.WriteString("message", error.Message);
            writer.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }

    private static async Task WriteAsync(
        HttpResponse response, int statusCode, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        response.StatusCode = statusCode;
        response.ContentType = JsonContentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }
}
