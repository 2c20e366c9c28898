using System.IO.Compression;
using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using OrderPipeline.Local.Otlp.Proto;
using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.Otlp;

/// <summary>
/// The local stack's OTLP/HTTP traces endpoint (https://opentelemetry.io/docs/specs/otlp/#otlphttp): <c>POST
/// /v1/traces</c> with an <c>ExportTraceServiceRequest</c> in binary protobuf (<c>application/x-protobuf</c>) or
/// OTLP/JSON (<c>application/json</c>), gzip-compressed or not. The spans go to the <see cref="TraceStore"/> as segment
/// documents (<see cref="SpanSegments"/>). Answers as the specification says
/// (https://opentelemetry.io/docs/specs/otlp/#otlphttp-response): 200 with an <c>ExportTraceServiceResponse</c> in the
/// request's encoding, carrying <c>partial_success</c> when spans were refused; 400 with a <c>google.rpc.Status</c> for a
/// body that cannot be read; 415 for another content type or encoding.
/// </summary>
internal sealed class OtlpHttpReceiver : IAsyncDisposable
{
    /// <summary>The port OTLP/HTTP uses by convention (https://opentelemetry.io/docs/specs/otlp/#otlphttp-request).</summary>
    public const int DefaultPort = 4318;

    public const string TracesPath = "/v1/traces";
    public const string ProtobufContentType = "application/x-protobuf";
    public const string JsonContentType = "application/json";

    /// <summary>The largest body, after decompression, the receiver reads (a client's batch is far smaller).</summary>
    private const int MaxBodyBytes = 32 * 1024 * 1024;

    /// <summary>google.rpc.Code INVALID_ARGUMENT (https://github.com/googleapis/googleapis/blob/master/google/rpc/code.proto).</summary>
    private const int InvalidArgument = 3;

    private readonly WebApplication _app;

    private OtlpHttpReceiver(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The value for <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c>: <c>http://127.0.0.1:port/v1/traces</c>.</summary>
    public string TracesUrl => $"http://127.0.0.1:{Port}{TracesPath}";

    /// <summary>Serves on 127.0.0.1:<paramref name="port"/> (0 picks a free port), storing into <paramref name="store"/>.</summary>
    /// <exception cref="IOException">The port is taken.</exception>
    public static async Task<OtlpHttpReceiver> StartAsync(int port, TraceStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
        });
        var app = builder.Build();
        try
        {
            app.MapPost(TracesPath, context => HandleAsync(context, store));
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            return new OtlpHttpReceiver(app, new Uri(app.Urls.Single()).Port);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    internal static async Task HandleAsync(HttpContext context, TraceStore store)
    {
        var request = context.Request;
        var encoding = Encoding(request.ContentType);
        if (encoding is null)
        {
            await AnswerAsync(context, StatusCodes.Status415UnsupportedMediaType, isJson: true, Status(
                $"Content-Type must be {ProtobufContentType} or {JsonContentType}, not '{request.ContentType}'.")).ConfigureAwait(false);
            return;
        }

        var isJson = encoding == JsonContentType;
        var contentEncoding = request.Headers.ContentEncoding.ToString();
        if (contentEncoding.Length > 0 && !contentEncoding.Equals("gzip", StringComparison.OrdinalIgnoreCase)
            && !contentEncoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            await AnswerAsync(context, StatusCodes.Status415UnsupportedMediaType, isJson, Status(
                $"Content-Encoding must be gzip or absent, not '{contentEncoding}'.")).ConfigureAwait(false);
            return;
        }

        ExportTraceServiceRequest export;
        try
        {
            var body = await ReadBodyAsync(request, gzip: contentEncoding.Equals("gzip", StringComparison.OrdinalIgnoreCase), context.RequestAborted)
                .ConfigureAwait(false);
            export = isJson ? OtlpJsonReader.Read(body) : ExportTraceServiceRequest.Parser.ParseFrom(body.Span);
        }
        catch (Exception ex) when (ex is OtlpFormatException or InvalidProtocolBufferException or InvalidDataException)
        {
            await AnswerAsync(context, StatusCodes.Status400BadRequest, isJson, Status(ex.Message)).ConfigureAwait(false);
            return;
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await AnswerAsync(context, StatusCodes.Status413PayloadTooLarge, isJson, Status(
                $"The body exceeds {MaxBodyBytes} bytes.")).ConfigureAwait(false);
            return;
        }

        var stored = SpanSegments.Store(export, store);
        var response = new ExportTraceServiceResponse();
        if (stored.Rejected > 0)
        {
            response.PartialSuccess = new ExportTracePartialSuccess
            {
                RejectedSpans = stored.Rejected,
                ErrorMessage = stored.FirstProblem ?? "",
            };
        }

        await AnswerAsync(context, StatusCodes.Status200OK, isJson, response).ConfigureAwait(false);
    }

    /// <summary>The request's media type when it is one OTLP/HTTP defines (parameters such as charset aside), else null.</summary>
    private static string? Encoding(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType.Value is { } mediaType
            ? mediaType.Equals(ProtobufContentType, StringComparison.OrdinalIgnoreCase) ? ProtobufContentType
            : mediaType.Equals(JsonContentType, StringComparison.OrdinalIgnoreCase) ? JsonContentType
            : null
            : null;

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, bool gzip, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var source = gzip ? new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true) : request.Body;
        try
        {
            var chunk = new byte[64 * 1024];
            int read;
            while ((read = await source.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    throw new BadHttpRequestException("Too large.", StatusCodes.Status413PayloadTooLarge);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            if (gzip)
            {
                await source.DisposeAsync().ConfigureAwait(false);
            }
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static Proto.Rpc.Status Status(string message) => new() { Code = InvalidArgument, Message = message };

    private static async Task AnswerAsync(HttpContext context, int statusCode, bool isJson, IMessage message)
    {
        var response = context.Response;
        var body = isJson
            ? System.Text.Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(message))
            : message.ToByteArray();
        response.StatusCode = statusCode;
        response.ContentType = isJson ? JsonContentType : ProtobufContentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
