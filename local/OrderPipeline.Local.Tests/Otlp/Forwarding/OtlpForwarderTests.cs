using System.Net;
using System.Net.Sockets;
using Google.Protobuf;
using OrderPipeline.Local.Otlp.Forwarding;
using OrderPipeline.Local.Otlp.Proto;
using OrderPipeline.Local.Tests.XRay.Api;
using OrderPipeline.Local.XRay;
using SpanKind = OrderPipeline.Local.Otlp.Proto.Span.Types.SpanKind;

namespace OrderPipeline.Local.Tests.Otlp.Forwarding;

/// <summary>
/// The forwarder against a receiver that decodes the OTLP/HTTP protobuf it is sent
/// (https://opentelemetry.io/docs/specs/otlp/#otlphttp): X-Ray ids as OTLP bytes, kinds, resources, times, attributes,
/// links, status, each segment once, in-progress documents held back, retries, and a backend that is down.
/// </summary>
public sealed class OtlpForwarderTests
{
    private static readonly OtlpForwarderSettings Fast = new(
        FlushInterval: TimeSpan.FromMilliseconds(20), MaxBatchSpans: 512, Capacity: 1000, ResourceWait: TimeSpan.FromMinutes(5),
        RequestTimeout: TimeSpan.FromSeconds(10), FinalFlushTimeout: TimeSpan.FromSeconds(10));

    private static readonly byte[] ProducerTraceBytes = Convert.FromHexString("6925d0a5000000000000000000000001");

    [Fact]
    public async Task Start_ProducerTrace_PostsProtobufSpansWithTheTraceIdsParentsKindsServicesAndTimes()
    {
        await using var receiver = await OtlpTestReceiver.StartAsync();
        var store = new TraceStore();

        await using (OtlpForwarder.Start(store, receiver.TracesUrl, _ => { }, _ => { }, Fast))
        {
            SampleTraces.Add(store, SampleTraces.ProducerDocuments);
        }

        Assert.NotEmpty(receiver.Received);
        Assert.All(receiver.Received, request =>
        {
            Assert.Equal(("POST", "/v1/traces", "application/x-protobuf"), (request.Method, request.Path, request.ContentType));
            Assert.All(request.Request.ResourceSpans, rs => Assert.Equal(SegmentSpans.ScopeName, Assert.Single(rs.ScopeSpans).Scope.Name));
        });
        var spans = receiver.AcceptedSpans.ToDictionary(s => Hex(s.Span.SpanId));
        Assert.Equal(
            ["a000000000000001", "b000000000000001", "c000000000000001", "d000000000000001", "d000000000000002", "e000000000000001"],
            spans.Keys.Order());
        Assert.All(spans.Values, s => Assert.Equal(ProducerTraceBytes, s.Span.TraceId.ToByteArray()));
        Assert.Equal(
            [
                ("a000000000000001", "", SpanKind.Server, "ServerlessRestApi/Prod"),
                ("b000000000000001", "a000000000000001", SpanKind.Server, "ProducerFunction"),
                ("c000000000000001", "b000000000000001", SpanKind.Server, "ProducerFunction"),
                ("d000000000000001", "c000000000000001", SpanKind.Internal, "ProducerFunction"),
                ("d000000000000002", "d000000000000001", SpanKind.Producer, "ProducerFunction"),
                ("e000000000000001", "c000000000000001", SpanKind.Internal, "ProducerFunction"),
            ],
            spans.OrderBy(pair => pair.Key).Select(pair => (pair.Key, Hex(pair.Value.Span.ParentSpanId), pair.Value.Span.Kind, pair.Value.Service)));
        Assert.Equal(
            [("service.name", "ServerlessRestApi/Prod"), ("cloud.provider", "aws"), ("cloud.platform", "aws_api_gateway"), ("aws.xray.origin", "AWS::ApiGateway::Stage")],
            spans["a000000000000001"].Resource.Attributes.Select(a => (a.Key, a.Value.StringValue)));
        Assert.Equal(
            [("service.name", "ProducerFunction"), ("cloud.provider", "aws"), ("cloud.platform", "aws_lambda"), ("faas.name", "ProducerFunction"), ("aws.xray.origin", "AWS::Lambda::Function")],
            spans["d000000000000002"].Resource.Attributes.Select(a => (a.Key, a.Value.StringValue)));
        Assert.Equal((1764134000_000000000UL, 1764134000_200000000UL), Times(spans["a000000000000001"].Span));
        Assert.Equal((1764134000_100000000UL, 1764134000_150000000UL), Times(spans["d000000000000002"].Span));
        Assert.Equal((1764134000_020000000UL, 1764134000_185000000UL), Times(spans["c000000000000001"].Span));
        Assert.Equal(("ServerlessRestApi/Prod", "SQS"), (spans["a000000000000001"].Span.Name, spans["d000000000000002"].Span.Name));
    }

    [Fact]
    public async Task Start_AwsHttpAnnotationsAndMetadata_BecomeSemanticConventionAttributes()
    {
        await using var receiver = await OtlpTestReceiver.StartAsync();
        var store = new TraceStore();
        SampleTraces.Add(store, SampleTraces.ProducerDocuments);
        SampleTraces.Add(
            store,
            """{"name":"DynamoDB","id":"d000000000000009","trace_id":"1-6925d0a5-000000000000000000000001","parent_id":"d000000000000001","type":"subsegment","namespace":"aws","start_time":1764134000.1,"end_time":1764134000.11,"aws":{"operation":"PutItem","table_name":"orders","retries":1,"api_gateway":{"stage":"Prod"}},"metadata":{"default":{"order.id":"o-1","batch":{"size":2}},"debug":{"ratio":0.5}}}""");

        await using (OtlpForwarder.Start(store, receiver.TracesUrl, _ => { }, _ => { }, Fast))
        {
        }

        var spans = receiver.AcceptedSpans.ToDictionary(s => Hex(s.Span.SpanId), s => s.Span);
        var send = Attributes(spans["d000000000000002"]);
        Assert.Equal("aws-api", send["rpc.system"].StringValue);
        Assert.Equal("SQS", send["rpc.service"].StringValue);
        Assert.Equal("SendMessage", send["rpc.method"].StringValue);
        Assert.Equal("http://127.0.0.1:9324/000000000000/orders", send["aws.sqs.queue.url"].StringValue);
        Assert.Equal("us-east-1", send["cloud.region"].StringValue);
        Assert.Equal("q-1", send["aws.request_id"].StringValue);
        Assert.Equal(200, send["http.response.status_code"].IntValue);
        var stage = Attributes(spans["a000000000000001"]);
        Assert.Equal("POST", stage["http.request.method"].StringValue);
        Assert.Equal("http://127.0.0.1:3000/orders", stage["url.full"].StringValue);
        Assert.Equal("curl/8", stage["user_agent.original"].StringValue);
        Assert.Equal("127.0.0.1", stage["client.address"].StringValue);
        Assert.Equal(202, stage["http.response.status_code"].IntValue);
        Assert.Equal("cust-42", Attributes(spans["d000000000000001"])["customer_id"].StringValue);
        var put = Attributes(spans["d000000000000009"]);
        Assert.Equal(SpanKind.Client, spans["d000000000000009"].Kind);
        Assert.Equal(["orders"], put["aws.dynamodb.table_names"].ArrayValue.Values.Select(v => v.StringValue));
        Assert.Equal(1, put["aws.retries"].IntValue);
        Assert.Equal("Prod", put["aws.api_gateway.stage"].StringValue);
        Assert.Equal("o-1", put["order.id"].StringValue);
        Assert.Equal("""{"size":2}""", put["batch"].StringValue);
        Assert.Equal(0.5, put["debug.ratio"].DoubleValue);
    }

    [Fact]
    public async Task Start_ConsumerTrace_ItsLambdaServiceSpanLinksToTheProducersSendMessageSpan()
    {
        await using var receiver = await OtlpTestReceiver.StartAsync();
        var store = new TraceStore();

        await using (OtlpForwarder.Start(store, receiver.TracesUrl, _ => { }, _ => { }, Fast))
        {
            SampleTraces.Add(store, SampleTraces.ConsumerDocuments);
        }

        var service = Assert.Single(receiver.AcceptedSpans, s => Hex(s.Span.SpanId) == "b000000000000002");
        Assert.Equal(("ConsumerFunction", SpanKind.Server, ""), (service.Service, service.Span.Kind, Hex(service.Span.ParentSpanId)));
        Assert.Equal(Convert.FromHexString("6925d0a6000000000000000000000002"), service.Span.TraceId.ToByteArray());
        var link = Assert.Single(service.Span.Links);
        Assert.Equal(ProducerTraceBytes, link.TraceId.ToByteArray());
        Assert.Equal(SampleTraces.SendMessageId, Hex(link.SpanId));
    }

    [Fact]
    public async Task Start_FaultWithCause_ErrorStatusAndAnExceptionEventPerException()
    {
        await using var receiver = await OtlpTestReceiver.StartAsync();
        var store = new TraceStore();
        SampleTraces.Add(
            store,
            """{"name":"ConsumerFunction","id":"c000000000000005","trace_id":"1-6925d0a7-000000000000000000000005","origin":"AWS::Lambda::Function","start_time":1764134002.0,"end_time":1764134002.5,"fault":true,"cause":{"working_directory":"/var/task","exceptions":[{"id":"e1","type":"System.InvalidOperationException","message":"boom","stack":[{"label":"Handler.Run","path":"Handler.cs","line":12},{"label":"Host.Invoke"}]},{"id":"e2","type":"System.IO.IOException","message":"disk"}]}}""",
            """{"name":"SQS","id":"d000000000000005","trace_id":"1-6925d0a7-000000000000000000000005","parent_id":"c000000000000005","type":"subsegment","namespace":"aws","start_time":1764134002.1,"end_time":1764134002.2,"error":true,"throttle":true,"aws":{"operation":"ReceiveMessage"}}""",
            """{"name":"ProcessOrder","id":"d000000000000006","trace_id":"1-6925d0a7-000000000000000000000005","parent_id":"c000000000000005","type":"subsegment","start_time":1764134002.1,"end_time":1764134002.2}""");

        await using (OtlpForwarder.Start(store, receiver.TracesUrl, _ => { }, _ => { }, Fast))
        {
        }

        var spans = receiver.AcceptedSpans.ToDictionary(s => Hex(s.Span.SpanId), s => s.Span);
        var function = spans["c000000000000005"];
        Assert.Equal((Status.Types.StatusCode.Error, "System.InvalidOperationException: boom"), (function.Status.Code, function.Status.Message));
        Assert.Equal(2, function.Events.Count);
        Assert.All(function.Events, e => Assert.Equal(("exception", function.EndTimeUnixNano), (e.Name, e.TimeUnixNano)));
        Assert.Equal(
            [
                ("exception.type", "System.InvalidOperationException"), ("exception.message", "boom"),
                ("exception.stacktrace", "   at Handler.Run in Handler.cs:line 12\n   at Host.Invoke"),
            ],
            function.Events[0].Attributes.Select(a => (a.Key, a.Value.StringValue)));
        Assert.Equal("System.IO.IOException", function.Events[1].Attributes[0].Value.StringValue);
        Assert.Equal((Status.Types.StatusCode.Error, "throttle"), (spans["d000000000000005"].Status.Code, spans["d000000000000005"].Status.Message));
        Assert.Equal(SpanKind.Client, spans["d000000000000005"].Kind);
        Assert.Null(spans["d000000000000006"].Status);
    }

    [Fact]
    public async Task Start_InProgressThenCompleteTwice_HoldsItBackThenSendsTheCompleteOneOnce()
    {
        await using var receiver = await OtlpTestReceiver.StartAsync();
        var store = new TraceStore();
        const string Complete =
            """{"name":"ProducerFunction","id":"c000000000000007","trace_id":"1-6925d0a5-000000000000000000000007","origin":"AWS::Lambda::Function","start_time":1764134000.0,"end_time":1764134000.75}""";

        await using (OtlpForwarder.Start(store, receiver.TracesUrl, _ => { }, _ => { }, Fast))
        {
            SampleTraces.Add(
                store,
                """{"name":"ProducerFunction","id":"c000000000000007","trace_id":"1-6925d0a5-000000000000000000000007","origin":"AWS::Lambda::Function","start_time":1764134000.0,"in_progress":true}""",
                SampleTraces.ProducerDocuments[0]);
            await receiver.WaitUntilAsync(r => r.AcceptedSpans.Any(s => Hex(s.Span.SpanId) == "a000000000000001"));
            Assert.DoesNotContain(receiver.AcceptedSpans, s => Hex(s.Span.SpanId) == "c000000000000007");

            SampleTraces.Add(store, Complete, Complete, SampleTraces.ProducerDocuments[0]);
        }

        var sent = Assert.Single(receiver.AcceptedSpans, s => Hex(s.Span.SpanId) == "c000000000000007");
        Assert.Equal(1764134000_750000000UL, sent.Span.EndTimeUnixNano);
        Assert.Single(receiver.AcceptedSpans, s => Hex(s.Span.SpanId) == "a000000000000001");
    }

    [Fact]
    public async Task Start_SegmentsStoredBefore_AreSentWithTheOnesAddedAfter()
    {
        await using var receiver = await OtlpTestReceiver.StartAsync();
        var store = new TraceStore();
        SampleTraces.Add(store, SampleTraces.ProducerDocuments);

        await using (OtlpForwarder.Start(store, receiver.TracesUrl, _ => { }, _ => { }, Fast))
        {
            SampleTraces.Add(store, SampleTraces.ConsumerDocuments);
        }

        Assert.Equal(9, receiver.AcceptedSpans.Select(s => Hex(s.Span.SpanId)).Distinct().Count());
        Assert.Equal(9, receiver.AcceptedSpans.Count);
    }

    [Fact]
    public async Task Start_SubsegmentStoredBeforeItsSegment_WaitsAndGoesUnderThatSegmentsService()
    {
        await using var receiver = await OtlpTestReceiver.StartAsync();
        var store = new TraceStore();

        await using (OtlpForwarder.Start(store, receiver.TracesUrl, _ => { }, _ => { }, Fast))
        {
            SampleTraces.Add(store, SampleTraces.ProducerDocuments[3], SampleTraces.ProducerDocuments[0]);
            await receiver.WaitUntilAsync(r => r.AcceptedSpans.Any(s => Hex(s.Span.SpanId) == "a000000000000001"));
            Assert.DoesNotContain(receiver.AcceptedSpans, s => Hex(s.Span.SpanId) == "d000000000000001");

            SampleTraces.Add(store, SampleTraces.ProducerDocuments[1], SampleTraces.ProducerDocuments[2]);
        }

        Assert.Equal("ProducerFunction", Assert.Single(receiver.AcceptedSpans, s => Hex(s.Span.SpanId) == "d000000000000001").Service);
    }

    [Fact]
    public async Task DisposeAsync_SubsegmentWhoseSegmentNeverCame_SentAsUnknownService()
    {
        await using var receiver = await OtlpTestReceiver.StartAsync();
        var store = new TraceStore();

        await using (OtlpForwarder.Start(store, receiver.TracesUrl, _ => { }, _ => { }, Fast))
        {
            SampleTraces.Add(store, SampleTraces.ProducerDocuments[4]);
        }

        var sent = Assert.Single(receiver.AcceptedSpans);
        Assert.Equal(SegmentSpans.UnknownService, sent.Service);
        Assert.Equal(SpanKind.Producer, sent.Span.Kind);
    }

    [Fact]
    public async Task Start_BackendAnswers503WithRetryAfter_SendsTheSameRequestAgainAndEachSpanOnce()
    {
        await using var receiver = await OtlpTestReceiver.StartAsync();
        receiver.AnswerNext(HttpStatusCode.ServiceUnavailable, retryAfter: "0");
        var store = new TraceStore();
        SampleTraces.Add(store, SampleTraces.ProducerDocuments);
        var problems = 0;

        var forwarder = OtlpForwarder.Start(store, receiver.TracesUrl, _ => Interlocked.Increment(ref problems), _ => { }, Fast);
        await receiver.WaitUntilAsync(r => r.AcceptedSpans.Count == 6);
        await forwarder.DisposeAsync();

        var received = receiver.Received;
        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], received.Select(r => r.Status));
        Assert.Equal(received[0].Request, received[1].Request);
        Assert.Equal(6, receiver.AcceptedSpans.Select(s => Hex(s.Span.SpanId)).Distinct().Count());
        Assert.Equal((6L, 0L, 1), (forwarder.Sent, forwarder.Dropped, problems));
    }

    [Fact]
    public async Task Start_BackendAnswers400_DropsThoseSpansWithoutRetrying()
    {
        await using var receiver = await OtlpTestReceiver.StartAsync();
        receiver.AnswerNext(HttpStatusCode.BadRequest);
        var store = new TraceStore();
        SampleTraces.Add(store, SampleTraces.ProducerDocuments);

        var forwarder = OtlpForwarder.Start(store, receiver.TracesUrl, _ => { }, _ => { }, Fast);
        await receiver.WaitUntilAsync(r => r.Received.Count == 1);
        await forwarder.DisposeAsync();

        Assert.Single(receiver.Received);
        Assert.Equal((0L, 6L), (forwarder.Sent, forwarder.Dropped));
    }

    [Fact]
    public async Task Add_BackendDownAndQueueFull_StoresEverySegmentAndCountsWhatIsDropped()
    {
        var closedPort = ClosedPort();
        var store = new TraceStore();
        var problems = 0;
        var slow = Fast with { FlushInterval = TimeSpan.FromHours(1), Capacity = 100 };
        var forwarder = OtlpForwarder.Start(
            store, new Uri($"http://127.0.0.1:{closedPort}/v1/traces"), _ => Interlocked.Increment(ref problems), _ => { }, slow);

        for (var i = 0; i < 1000; i++)
        {
            SampleTraces.Add(
                store,
                $$"""{"name":"ProducerFunction","id":"{{i:x16}}","trace_id":"1-6925d0a5-{{i:x24}}","origin":"AWS::Lambda","start_time":1764134000,"end_time":1764134001}""");
        }

        Assert.Equal(1000, store.SegmentCount);
        Assert.Equal(900, forwarder.Dropped);
        await forwarder.DisposeAsync();
        Assert.Equal((0L, 1000L, 1), (forwarder.Sent, forwarder.Dropped, problems));
    }

    [Theory]
    [InlineData("http://localhost:4318", "http://localhost:4318/v1/traces")]
    [InlineData("http://localhost:4318/", "http://localhost:4318/v1/traces")]
    [InlineData("https://collector.example:4318/v1/traces", "https://collector.example:4318/v1/traces")]
    [InlineData("http://127.0.0.1:18889/otlp", "http://127.0.0.1:18889/otlp/v1/traces")]
    public void TryResolveEndpoint_BaseOrTracesUrl_TheTracesUrl(string value, string expected)
    {
        Assert.True(OtlpForwarder.TryResolveEndpoint(value, out var endpoint, out var error), error);
        Assert.Equal(expected, endpoint!.ToString());
    }

    [Theory]
    [InlineData("localhost:4318")]
    [InlineData("ftp://localhost/v1/traces")]
    [InlineData("/v1/traces")]
    [InlineData("")]
    [InlineData(null)]
    public void TryResolveEndpoint_NotAnHttpUrl_FalseWithTheValue(string? value)
    {
        Assert.False(OtlpForwarder.TryResolveEndpoint(value, out var endpoint, out var error));
        Assert.Null(endpoint);
        Assert.Equal(
            $"'{value}' is not an http:// or https:// URL of an OTLP/HTTP endpoint (for example http://localhost:4318, or http://localhost:4318/v1/traces).",
            error);
    }

    internal static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.ToByteArray());

    internal static Dictionary<string, AnyValue> Attributes(Span span) => span.Attributes.ToDictionary(a => a.Key, a => a.Value);

    private static (ulong Start, ulong End) Times(Span span) => (span.StartTimeUnixNano, span.EndTimeUnixNano);

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
