using OrderPipeline.Lambda.Events;
using OrderPipeline.Local.Otlp.Proto;
using OrderPipeline.TestHelpers.DynamoDb;
using OrderPipeline.TestHelpers.Events;
using OrderPipeline.TestHelpers.Lambda;
using OrderPipeline.TestHelpers.Time;
using OrderPipeline.Tracing;
using OrderPipeline.Tracing.Otlp;
using OrderPipeline.Tracing.Tests.Support;

namespace OrderPipeline.Consumer.Tests;

/// <summary>
/// The consumer with <c>OTEL_TRACES_EXPORTER=otlp</c> over OTLP/HTTP, through its handler and the real store on a
/// local DynamoDB: the invocation's SERVER span (<c>faas.trigger = pubsub</c>), one CONSUMER <c>ProcessOrder</c> span
/// per record under it, linked to the producer's span from the record's <c>AWSTraceHeader</c>
/// (https://opentelemetry.io/docs/specs/semconv/faas/aws-lambda/#sqs-message), and each record's DynamoDB call a CLIENT
/// span under its record.
/// </summary>
public sealed class ProcessOrdersHandlerOtlpTests : IAsyncLifetime
{
    private const string PoisonMessageId = "c3e9f1a7-2b84-4d6c-9e0f-5a7b3c1d8e24";
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 5, 14, 0, TimeSpan.Zero);

    private readonly List<string> _problems = [];
    private readonly TestLambdaContext _context = new() { FunctionName = "orders-consumer" };
    private OtlpHttpCollector _collector = null!;
    private TracingSession _tracing = null!;
    private DynamoDbEndpoint _dynamoDb = null!;

    public async Task InitializeAsync()
    {
        _collector = await OtlpHttpCollector.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["OTEL_TRACES_EXPORTER"] = "otlp",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.Url,
            ["AWS_LAMBDA_FUNCTION_NAME"] = "orders-consumer",
        };
        _tracing = FunctionTracing.StartWith(
            environment.GetValueOrDefault,
            [ConsumerTelemetry.SourceName],
            ConsumerTelemetry.AnnotationKeys,
            FunctionTrigger.Sqs,
            ConsumerTelemetry.OtlpAttributeNames,
            _problems.Add,
            TimeProvider.System,
            httpHandler: null,
            maxExportTime: TimeSpan.FromSeconds(30));
        _dynamoDb = await DynamoDbEndpoint.StartAsync();
        _dynamoDb.CreateTable("OrdersTable", "orderId");
    }

    public async Task DisposeAsync()
    {
        _tracing.Dispose();
        await _dynamoDb.DisposeAsync();
        await _collector.DisposeAsync();
    }

    [Fact]
    public async Task Invocation_Batch_EachRecordIsAConsumerSpanUnderTheInvocationLinkedToItsProducer()
    {
        var root = XRayTraceId.Format(XRayTraceId.New(TimeProvider.System));
        var rootHex = root[2..].Replace("-", "", StringComparison.Ordinal);
        _context.TraceHeader = $"Root={root};Parent=7a1b2c3d4e5f6071;Sampled=1";
        var batch = SampleEvents.Load(SampleEvents.SqsOrders, LambdaEventsJsonContext.Default.SqsEvent);
        using var client = _dynamoDb.Client();
        var handler = new ProcessOrdersHandler(
            new OrderProcessor(new ConsumerSettings("OrderPipeline", "OrdersTable"), new DynamoDbOrderStore(client, "OrdersTable"), new TestMetricsLogger(), new ManualTimeProvider(Now)),
            new ManualTimeProvider(Now));

        _tracing.OnInvocationStart(_context);
        var response = await handler.HandleAsync(batch, _context, CancellationToken.None);
        await _tracing.OnInvocationEndAsync(_context, null);

        Assert.Equal([PoisonMessageId], response.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.Empty(_problems);
        // Sent before OnInvocationEndAsync returned: no waiting here. Other tests' AWS calls may share the request.
        var spans = _collector.Requests.Select(r => r.Request).Spans().Where(s => s.TraceId.Hex() == rootHex).ToList();
        var invocation = Assert.Single(spans, s => s.Kind == Span.Types.SpanKind.Server);
        Assert.Equal("orders-consumer", invocation.Name);
        Assert.Equal("7a1b2c3d4e5f6071", invocation.ParentSpanId.Hex());
        Assert.Equal("pubsub", invocation.Attributes.StringAttribute("faas.trigger"));

        var records = spans.Where(s => s.Name == ConsumerTelemetry.ProcessOrder).ToList();
        Assert.Equal(batch.Records!.Select(r => r.MessageId), records.Select(r => r.Attributes.StringAttribute("messaging.message.id")));
        foreach (var (record, message) in records.Zip(batch.Records!))
        {
            Assert.Equal(Span.Types.SpanKind.Consumer, record.Kind);
            Assert.Equal(invocation.SpanId, record.ParentSpanId);
            Assert.Equal("aws_sqs", record.Attributes.StringAttribute("messaging.system"));
            Assert.Equal("process", record.Attributes.StringAttribute("messaging.operation.type"));
            Assert.True(TraceHeader.TryParse(message.Attributes!["AWSTraceHeader"], out var upstream));
            var link = Assert.Single(record.Links);
            Assert.Equal(upstream.Root[2..].Replace("-", "", StringComparison.Ordinal), link.TraceId.Hex());
            Assert.Equal(upstream.Parent, link.SpanId.Hex());
        }

        var poison = Assert.Single(records, r => r.Attributes.StringAttribute("messaging.message.id") == PoisonMessageId);
        Assert.Equal(Status.Types.StatusCode.Error, poison.Status.Code);
        var writes = spans.Where(s => s.Name == "DynamoDB.PutItem").ToList();
        Assert.Equal(2, writes.Count);
        Assert.All(writes, write =>
        {
            Assert.Equal(Span.Types.SpanKind.Client, write.Kind);
            Assert.Equal("aws.dynamodb", write.Attributes.StringAttribute("db.system.name"));
            Assert.Contains(records, r => r.SpanId == write.ParentSpanId);
        });
    }
}
