using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.SQS;
using OrderPipeline.Lambda.Events;
using OrderPipeline.Local.Otlp.Proto;
using OrderPipeline.TestHelpers.DynamoDb;
using OrderPipeline.TestHelpers.Events;
using OrderPipeline.TestHelpers.Lambda;
using OrderPipeline.TestHelpers.Sqs;
using OrderPipeline.Tracing;
using OrderPipeline.Tracing.Otlp;
using OrderPipeline.Tracing.Tests.Support;

namespace OrderPipeline.Producer.Tests;

/// <summary>
/// The producer with <c>OTEL_TRACES_EXPORTER=otlp</c>, through its handler and the real SQS client against a local
/// SQS endpoint: the invocation's SERVER span under Lambda's segment, <c>SubmitOrder</c> under it, and the
/// <c>SendMessage</c> call a PRODUCER span (https://opentelemetry.io/docs/specs/semconv/messaging/sqs/) whose context
/// is the message's <c>AWSTraceHeader</c>, so the consumer links to it.
/// </summary>
public sealed class SubmitOrderHandlerOtlpTests : IAsyncLifetime
{
    private const string LambdaParent = "53995c3f42cd8ad8";

    private readonly OtlpUdpDaemon _daemon = new();
    private readonly TestLambdaContext _context = new() { FunctionName = "orders-producer" };
    private TracingSession _tracing = null!;
    private SqsEndpoint _sqs = null!;
    private AmazonSQSClient _client = null!;
    private DynamoDbEndpoint _dynamoDb = null!;
    private AmazonDynamoDBClient _dynamoDbClient = null!;
    private Uri _queueUrl = null!;

    public async Task InitializeAsync()
    {
        // Tracing first, as Program does: it hooks the AWS clients created after it.
        var environment = new Dictionary<string, string>
        {
            ["OTEL_TRACES_EXPORTER"] = "otlp",
            ["AWS_XRAY_DAEMON_ADDRESS"] = _daemon.Address,
            ["AWS_LAMBDA_FUNCTION_NAME"] = "orders-producer",
        };
        _tracing = FunctionTracing.Start(environment.GetValueOrDefault, [ProducerTelemetry.SourceName], ProducerTelemetry.AnnotationKeys, FunctionTrigger.Http);
        _sqs = await SqsEndpoint.StartAsync();
        _queueUrl = new Uri(_sqs.CreateQueue("orders"));
        _client = new AmazonSQSClient(
            new BasicAWSCredentials("test", "test"),
            new AmazonSQSConfig { ServiceURL = _sqs.ServiceUrl, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        _dynamoDb = await DynamoDbEndpoint.StartAsync();
        _dynamoDb.CreateTable("IdempotencyTable", IdempotencyStore.IdAttribute);
        _dynamoDbClient = _dynamoDb.Client();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        _dynamoDbClient.Dispose();
        _tracing.Dispose();
        await _sqs.DisposeAsync();
        await _dynamoDb.DisposeAsync();
        _daemon.Dispose();
    }

    [Fact]
    public async Task Invocation_AcceptedOrder_SendsTheInvocationSubmitOrderAndSendMessageSpansAndTheMessageCarriesTheSendSpan()
    {
        var root = XRayTraceId.Format(XRayTraceId.New(TimeProvider.System));
        var rootHex = root[2..].Replace("-", "", StringComparison.Ordinal);
        _context.TraceHeader = $"Root={root};Parent={LambdaParent};Sampled=1;Lineage=a87bd80c:1";
        var request = SampleEvents.Load(SampleEvents.ApiPostOrder, LambdaEventsJsonContext.Default.ApiGatewayProxyRequest);

        _tracing.OnInvocationStart(_context);
        var response = await Handler().HandleAsync(request, _context, CancellationToken.None);
        await _tracing.OnInvocationEndAsync(_context, null);

        Assert.Equal(202, response.StatusCode);
        var spans = (await Tracing.Tests.Support.Otlp.EventuallyAsync(
            () => _daemon.RequestsOf(rootHex),
            requests => requests.Select(r => r.Request).Spans().Count(s => s.TraceId.Hex() == rootHex) >= 3))
            .Select(r => r.Request).Spans().Where(s => s.TraceId.Hex() == rootHex).ToList();
        Assert.Equal(3, spans.Count);
        var invocation = Assert.Single(spans, s => s.Kind == Span.Types.SpanKind.Server);
        Assert.Equal(LambdaParent, invocation.ParentSpanId.Hex());
        Assert.Equal("http", invocation.Attributes.StringAttribute("faas.trigger"));
        var submit = Assert.Single(spans, s => s.Name == ProducerTelemetry.SubmitOrder);
        Assert.Equal(invocation.SpanId, submit.ParentSpanId);
        Assert.Equal(202, submit.Attributes.Attribute("http.response.status_code")!.IntValue);
        Assert.NotNull(submit.Attributes.StringAttribute(ProducerTelemetry.OrderIdTag));
        var send = Assert.Single(spans, s => s.Name == "SQS.SendMessage");
        Assert.Equal(Span.Types.SpanKind.Producer, send.Kind);
        Assert.Equal(submit.SpanId, send.ParentSpanId);
        Assert.Equal("aws_sqs", send.Attributes.StringAttribute("messaging.system"));
        Assert.Equal("orders", send.Attributes.StringAttribute("messaging.destination.name"));
        Assert.Equal(_queueUrl.ToString(), send.Attributes.StringAttribute("aws.sqs.queue.url"));

        var message = Assert.Single(_sqs.Messages);
        Assert.Equal(message.MessageId, send.Attributes.StringAttribute("messaging.message.id"));
        Assert.Equal(
            $"Root={root};Parent={send.SpanId.Hex()};Sampled=1;Lineage=a87bd80c:1",
            message.MessageSystemAttributes["AWSTraceHeader"].StringValue);
    }

    /// <summary>The handler with the real clients; the sample order carries no Idempotency-Key, so the table is not called.</summary>
    private SubmitOrderHandler Handler() => new(
        new ProducerSettings(_queueUrl, "IdempotencyTable", TimeSpan.FromHours(24), "OrderPipeline"),
        _client,
        new IdempotencyStore(_dynamoDbClient, "IdempotencyTable", TimeSpan.FromHours(24), TimeProvider.System),
        new TestMetricsLogger(),
        TimeProvider.System);
}
