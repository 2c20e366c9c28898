using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using OrderPipeline.Local.Otlp;
using OrderPipeline.Local.Otlp.Proto;
using OrderPipeline.Local.Stack;
using OrderPipeline.Local.XRay.Api;
using static OrderPipeline.Local.Tests.Otlp.OtlpRequests;

namespace OrderPipeline.Local.Tests.Stack;

public sealed partial class EmulatedStackTests
{
    [Fact]
    public async Task StartAsync_RepositoryTemplate_ServesOtlpIntoTheTracesItsXRayApiReads()
    {
        await using var stack = await EmulatedStack.StartAsync(Options(), StackEvents.Silent, CancellationToken.None);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var body = new ByteArrayContent(Of("orders-producer", Server(), Child(Span.Types.SpanKind.Producer, "orders send")).ToByteArray());
        body.Headers.ContentType = new MediaTypeHeaderValue(OtlpHttpReceiver.ProtobufContentType);

        using var exported = await http.PostAsync(new Uri(stack.Otlp.TracesUrl), body);
        using var query = new StringContent($$"""{"TraceIds":["{{XRayTraceId}}"]}""", Encoding.UTF8, XRayApi.JsonContentType);
        using var traces = await http.PostAsync(new Uri(stack.XRayApi.BaseUrl + "/Traces"), query);

        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        using var answer = JsonDocument.Parse(await traces.Content.ReadAsStringAsync());
        // The producer's segment, beside the segment X-Ray infers for the remote call.
        var segment = Assert.Single(
            Assert.Single(answer.RootElement.GetProperty("Traces").EnumerateArray()).GetProperty("Segments").EnumerateArray(),
            segment => segment.GetProperty("Id").GetString() == ServerSpanIdHex);
        using var document = JsonDocument.Parse(segment.GetProperty("Document").GetString()!);
        Assert.Equal(("orders-producer", "orders send", "remote"), (
            document.RootElement.GetProperty("name").GetString(),
            document.RootElement.GetProperty("subsegments")[0].GetProperty("name").GetString(),
            document.RootElement.GetProperty("subsegments")[0].GetProperty("namespace").GetString()));
        Assert.Contains(
            $"  OTLP          http://127.0.0.1:{stack.Otlp.Port}/v1/traces  (OTLP/HTTP traces, protobuf or JSON, stored with X-Ray's)",
            StackEndpoints.Describe(stack, Options()));
    }
}
