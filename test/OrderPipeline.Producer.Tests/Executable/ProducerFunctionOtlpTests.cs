using OrderPipeline.Local.Otlp.Proto;
using OrderPipeline.TestHelpers.DynamoDb;
using OrderPipeline.TestHelpers.Events;
using OrderPipeline.TestHelpers.Functions;
using OrderPipeline.TestHelpers.Lambda;
using OrderPipeline.TestHelpers.Sqs;
using OrderPipeline.Tracing.Tests.Support;

namespace OrderPipeline.Producer.Tests.Executable;

// Black-box: the producer's real executable with OTEL_TRACES_EXPORTER=otlp and an OTLP/HTTP collector on loopback. The
// spans of an invocation reach the collector before the function posts the invocation's response to the Runtime API
// (Lambda may freeze the environment once it has: https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html).
public sealed class ProducerFunctionOtlpTests(ProducerBuild producer) : IClassFixture<ProducerBuild>, IAsyncLifetime
{
    private const string Root = "1-6752b7a1-8f2c4d6e0a1b3c5d7e9f0123";

    private SqsEndpoint _sqs = null!;
    private DynamoDbEndpoint _dynamoDb = null!;
    private OtlpHttpCollector _collector = null!;
    private string _queueUrl = null!;

    public async Task InitializeAsync()
    {
        _sqs = await SqsEndpoint.StartAsync();
        _queueUrl = _sqs.CreateQueue("orders");
        _dynamoDb = await DynamoDbEndpoint.StartAsync();
        _dynamoDb.CreateTable("IdempotencyTable", "id");
        _collector = await OtlpHttpCollector.StartAsync();

        // The collector runs in this (JIT) process: its first request is served once before the function's is timed.
        using var warmUp = new HttpClient();
        using var _ = await warmUp.PostAsync(new Uri(_collector.Url + "/warm-up"), new ByteArrayContent([]));
    }

    public async Task DisposeAsync()
    {
        await _collector.DisposeAsync();
        await _sqs.DisposeAsync();
        await _dynamoDb.DisposeAsync();
    }

    [Fact]
    public async Task Invoke_OtlpOverHttp_SendsTheInvocationsSpansBeforePostingTheResponse()
    {
        await using var function = await RunningFunction.StartAsync(producer.Build, new Dictionary<string, string>
        {
            ["ORDERS_QUEUE_URL"] = _queueUrl,
            ["IDEMPOTENCY_TABLE_NAME"] = "IdempotencyTable",
            ["AWS_ENDPOINT_URL_SQS"] = _sqs.ServiceUrl,
            ["AWS_ENDPOINT_URL_DYNAMODB"] = _dynamoDb.ServiceUrl,
            ["OTEL_TRACES_EXPORTER"] = "otlp",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.Url,
        });
        var postsWhenSpansArrived = -1;
        _collector.OnReceived = received =>
        {
            if (received.Path == "/v1/traces")
            {
                Interlocked.CompareExchange(ref postsWhenSpansArrived, function.RuntimeApi.Posts.Count, -1);
            }
        };

        var result = await function.InvokeAsync(SampleEvents.Read(SampleEvents.ApiPostOrder), $"Root={Root};Parent=53995c3f42cd8ad8;Sampled=1");

        Assert.Equal(RuntimeApiPostKind.Response, result.Kind);
        Assert.Equal(0, postsWhenSpansArrived);
        var request = Assert.Single(_collector.Requests, r => r.Path == "/v1/traces").Request;
        Assert.Equal("ProducerFunction", request.ResourceSpans[0].Resource.Attributes.StringAttribute("service.name"));
        var spans = request.Spans().ToList();
        Assert.All(spans, s => Assert.Equal("6752b7a18f2c4d6e0a1b3c5d7e9f0123", s.TraceId.Hex()));
        var invocation = Assert.Single(spans, s => s.Kind == Span.Types.SpanKind.Server);
        Assert.Equal("53995c3f42cd8ad8", invocation.ParentSpanId.Hex());
        var submit = Assert.Single(spans, s => s.Name == "SubmitOrder");
        Assert.Equal(invocation.SpanId, submit.ParentSpanId);
        var send = Assert.Single(spans, s => s.Name == "SQS.SendMessage");
        Assert.Equal(Span.Types.SpanKind.Producer, send.Kind);
        Assert.Equal(submit.SpanId, send.ParentSpanId);
    }
}
