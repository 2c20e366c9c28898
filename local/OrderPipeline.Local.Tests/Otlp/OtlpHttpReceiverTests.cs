using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using OrderPipeline.Local.Otlp;
using OrderPipeline.Local.Otlp.Proto;
using OrderPipeline.Local.XRay;
using static OrderPipeline.Local.Tests.Otlp.OtlpRequests;
using RpcStatus = OrderPipeline.Local.Otlp.Proto.Rpc.Status;

namespace OrderPipeline.Local.Tests.Otlp;

// The answers https://opentelemetry.io/docs/specs/otlp/#otlphttp-response requires, read off the wire.
public sealed class OtlpHttpReceiverTests : IAsyncLifetime
{
    private readonly TraceStore _store = new();
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(30) };
    private OtlpHttpReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await OtlpHttpReceiver.StartAsync(0, _store, CancellationToken.None);

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Post_Protobuf_StoresTheSpansAndAnswersAnEmptyProtobufResponse()
    {
        var request = Of("orders-producer", Server(), Child(Span.Types.SpanKind.Client, "SQS"));

        using var response = await PostAsync(request.ToByteArray(), OtlpHttpReceiver.ProtobufContentType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(OtlpHttpReceiver.ProtobufContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal([ServerSpanIdHex, ClientSpanIdHex], _store.Trace(XRayTraceId).Select(segment => segment.Id));
    }

    [Fact]
    public async Task Post_GzippedJsonWithCharset_StoresTheSpansAndAnswersJson()
    {
        var json = $$$"""
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}}]},
              "scopeSpans":[{"spans":[{"traceId":"{{{TraceIdHex}}}","spanId":"{{{ServerSpanIdHex}}}","name":"GET","kind":2,
                "startTimeUnixNano":"1764134037100000000","endTimeUnixNano":"1764134037150000000"}]}]}]}
            """;

        using var response = await PostAsync(Gzip(Encoding.UTF8.GetBytes(json)), "application/json; charset=utf-8", "gzip");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(OtlpHttpReceiver.JsonContentType, response.Content.Headers.ContentType?.MediaType);
        using (var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()))
        {
            Assert.Empty(answer.RootElement.EnumerateObject());
        }

        Assert.Equal(("svc", "segment"), (Assert.Single(_store.Trace(XRayTraceId)).Name, Assert.Single(_store.Trace(XRayTraceId)).Type));
    }

    [Fact]
    public async Task Post_ProtobufWithARefusedSpan_AnswersPartialSuccessAndStoresTheRest()
    {
        var bad = Server("0000000000000001");
        bad.StartTimeUnixNano = 0;

        using var response = await PostAsync(Of("svc", bad, Server()).ToByteArray(), OtlpHttpReceiver.ProtobufContentType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = ExportTraceServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, answer.PartialSuccess.RejectedSpans);
        Assert.Equal("Span 0000000000000001: startTimeUnixNano must be set and endTimeUnixNano not before it.", answer.PartialSuccess.ErrorMessage);
        Assert.Equal(ServerSpanIdHex, Assert.Single(_store.Trace(XRayTraceId)).Id);
    }

    [Fact]
    public async Task Post_JsonWithARefusedSpan_AnswersPartialSuccessInJson()
    {
        const string json = """{"resourceSpans":[{"scopeSpans":[{"spans":[{"spanId":"0000000000000001","name":"x"}]}]}]}""";

        using var response = await PostAsync(Encoding.UTF8.GetBytes(json), OtlpHttpReceiver.JsonContentType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var partial = answer.RootElement.GetProperty("partialSuccess");
        Assert.Equal("1", partial.GetProperty("rejectedSpans").GetString());
        Assert.Equal("Span 0000000000000001: traceId must be 16 bytes, not all zero.", partial.GetProperty("errorMessage").GetString());
        Assert.Equal(0, _store.SegmentCount);
    }

    [Fact]
    public async Task Post_UnreadableProtobuf_Answers400WithAProtobufStatus()
    {
        using var response = await PostAsync([0x0a, 0xff, 0xff], OtlpHttpReceiver.ProtobufContentType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(OtlpHttpReceiver.ProtobufContentType, response.Content.Headers.ContentType?.MediaType);
        var status = RpcStatus.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(3, status.Code);
        Assert.NotEmpty(status.Message);
        Assert.Equal(0, _store.SegmentCount);
    }

    [Fact]
    public async Task Post_JsonWithBase64Ids_Answers400WithAJsonStatusSayingIdsAreHex()
    {
        const string json = """{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"V1npiL2GLj/hvkapJCcnkw=="}]}]}]}""";

        using var response = await PostAsync(Encoding.UTF8.GetBytes(json), OtlpHttpReceiver.JsonContentType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(3, status.RootElement.GetProperty("code").GetInt32());
        Assert.Contains("must be hex digits (OTLP/JSON ids are hex, not base64)", status.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_BodyThatIsNotGzip_Answers400()
    {
        using var response = await PostAsync(Of("svc", Server()).ToByteArray(), OtlpHttpReceiver.ProtobufContentType, "gzip");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(3, RpcStatus.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync()).Code);
    }

    [Theory]
    [InlineData("text/plain", null)]
    [InlineData("application/grpc", null)]
    [InlineData(null, null)]
    [InlineData("application/x-protobuf", "br")]
    public async Task Post_UnsupportedContentTypeOrEncoding_Answers415(string? contentType, string? contentEncoding)
    {
        using var response = await PostAsync(Of("svc", Server()).ToByteArray(), contentType, contentEncoding);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(0, _store.SegmentCount);
    }

    [Fact]
    public async Task Get_TracesPath_Answers405AndOtherPaths404()
    {
        using var get = await _client.GetAsync(new Uri(_receiver.TracesUrl));
        using var metrics = await _client.PostAsync(new Uri($"http://127.0.0.1:{_receiver.Port}/v1/metrics"), new ByteArrayContent([]));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
    }

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string? contentType, string? contentEncoding = null)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (contentEncoding is not null)
        {
            content.Headers.ContentEncoding.Add(contentEncoding);
        }

        return await _client.PostAsync(new Uri(_receiver.TracesUrl), content);
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }
}
