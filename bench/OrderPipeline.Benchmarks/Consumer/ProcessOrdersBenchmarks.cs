using Amazon.DynamoDBv2;
using BenchmarkDotNet.Attributes;
using OrderPipeline.Benchmarks.Support;
using OrderPipeline.Consumer;
using OrderPipeline.Lambda.Events;
using OrderPipeline.Tracing.Otlp;

namespace OrderPipeline.Benchmarks.Consumer;

/// <summary>
/// One consumer invocation on a batch of valid orders, through <c>ProcessOrdersHandler</c> and <c>OrderProcessor</c>
/// as Program.cs composes them, tracing off (nothing listens) and on, in either export: <c>xray</c> (a
/// <c>ProcessOrder</c> subsegment per recorded record, and one per DynamoDB call, sent over UDP to a daemon on loopback)
/// or <c>otlp</c> (the same activities as OpenTelemetry spans, with the invocation's SERVER span, sent as <c>T1S</c>
/// datagrams to the same daemon). Traced, the measured invocation is what
/// the Lambda host runs: the tracing session's start, the handler, and the session's end, which sends what the
/// invocation recorded before the outcome is posted. The store is the real <c>DynamoDbOrderStore</c> with the real SDK
/// client against the local DynamoDB endpoint on loopback, or a dictionary, which shows the tracing cost without the
/// network call.
/// </summary>
/// <remarks>
/// Every stored order id must be new, or the conditional write fails and the run measures the duplicate path. So each
/// iteration is one invocation, and before it (outside the measurement) the store is emptied: the table is deleted and
/// created again, the dictionary cleared. The batch itself is built once, with distinct ids. Only the first
/// <see cref="ConsumerTelemetry.MaxRecordedRecords"/> records of an invocation are recorded (the trace's budget); the
/// others carry ids and emit nothing.
/// </remarks>
[MemoryDiagnoser]
[InvocationCount(1)]
public class ProcessOrdersBenchmarks
{
    private readonly BenchLambdaContext _context = new("order-pipeline-ConsumerFunction");
    private readonly InMemoryOrderStore _memory = new();
    private SqsEvent _batch = new();
    private LoopbackXRay? _xray;
    private LoopbackDynamoDb? _dynamoDb;
    private AmazonDynamoDBClient? _client;
    private ProcessOrdersHandler? _handler;
    private int _failures;

    [Params(10, 100, 1000)]
    public int BatchSize { get; set; }

    /// <summary><c>off</c> (nothing listens), <c>xray</c> or <c>otlp</c> (over the daemon's UDP endpoint).</summary>
    [Params("off", "xray", "otlp")]
    public string Export { get; set; } = "off";

    [GlobalSetup(Target = nameof(InMemoryStore))]
    public void SetupInMemory()
    {
        StartTracing();
        Compose(_memory);
        ProcessOnce(subsegmentsPerRecord: 1);
    }

    [GlobalSetup(Target = nameof(DynamoDbStore))]
    public void SetupDynamoDb()
    {
        StartTracing();
        _dynamoDb = LoopbackDynamoDb.StartAsync().GetAwaiter().GetResult();
        _client = _dynamoDb.Client();
        Compose(new DynamoDbOrderStore(_client, LoopbackDynamoDb.TableName));
        ProcessOnce(subsegmentsPerRecord: 2);
    }

    [IterationSetup(Target = nameof(InMemoryStore))]
    public void EmptyDictionary() => _memory.Clear();

    [IterationSetup(Target = nameof(DynamoDbStore))]
    public void EmptyTable() => _dynamoDb!.EmptyTableAsync(_client!).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _client?.Dispose();
        _dynamoDb?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _xray?.ExpectNoProblem();
        _xray?.Dispose();
        if (_failures != 0)
        {
            throw new InvalidOperationException($"{_failures} records failed.");
        }
    }

    [Benchmark]
    public Task<int> InMemoryStore() => HandleAsync();

    [Benchmark]
    public Task<int> DynamoDbStore() => HandleAsync();

    private async Task<int> HandleAsync()
    {
        _xray?.Invocations.OnInvocationStart(_context);
        var response = await _handler!.HandleAsync(_batch, _context, CancellationToken.None);
        if (_xray is not null)
        {
            await _xray.Invocations.OnInvocationEndAsync(_context, null);
        }

        _failures += response.BatchItemFailures.Count;
        return response.BatchItemFailures.Count;
    }

    private void StartTracing()
    {
        // As in Program.cs: tracing first, so that the SDK hook customises the client created after it.
        _xray = Export == "off"
            ? null
            : new LoopbackXRay(
                [ConsumerTelemetry.SourceName], ConsumerTelemetry.AnnotationKeys, otlp: Export == "otlp", FunctionTrigger.Sqs, ConsumerTelemetry.OtlpAttributeNames);
        _batch = OrderBatch.Create(BatchSize);
    }

    private void Compose(IOrderStore store)
    {
        var settings = new ConsumerSettings(ConsumerSettings.DefaultMetricsNamespace, LoopbackDynamoDb.TableName);
        var processor = new OrderProcessor(settings, store, new DiscardingMetricsLogger(), TimeProvider.System);
        _handler = new ProcessOrdersHandler(processor, TimeProvider.System);
    }

    private void ProcessOnce(int subsegmentsPerRecord)
    {
        if (HandleAsync().GetAwaiter().GetResult() != 0)
        {
            throw new InvalidOperationException($"The first batch of {BatchSize} orders had failures.");
        }

        // X-Ray: one datagram per subsegment. OTLP: the invocation's spans in one T1S datagram (under 64,000 bytes).
        _xray?.ExpectReceived(Export == "otlp" ? 1 : (long)Math.Min(BatchSize, ConsumerTelemetry.MaxRecordedRecords) * subsegmentsPerRecord);
    }
}
