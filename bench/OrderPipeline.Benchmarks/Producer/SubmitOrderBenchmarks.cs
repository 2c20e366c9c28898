using Amazon.DynamoDBv2;
using Amazon.SQS;
using BenchmarkDotNet.Attributes;
using OrderPipeline.Benchmarks.Support;
using OrderPipeline.Lambda.Events;
using OrderPipeline.Producer;
using OrderPipeline.TestHelpers.DynamoDb;
using OrderPipeline.TestHelpers.Events;

namespace OrderPipeline.Benchmarks.Producer;

/// <summary>
/// One <c>POST /orders</c> through the producer's handler in-process: the sample API event
/// (<c>events/api-post-order.json</c>), the real AWS SDK SQS client sending to <see cref="CannedSqsEndpoint"/> on
/// loopback, and a <c>202</c>. Tracing off: nothing listens (the composition root without <c>XRayTracing.Start</c>).
/// Tracing on: the function's tracing, exporting the <c>SubmitOrder</c> and <c>SQS</c> subsegments over UDP to a
/// daemon on loopback, with the trace carried into the message's <c>AWSTraceHeader</c>. The sample has no
/// Idempotency-Key, so the idempotency table (the local DynamoDB on loopback) is not called.
/// </summary>
[MemoryDiagnoser]
public class SubmitOrderBenchmarks
{
    private const int Accepted = 202;

    private readonly BenchLambdaContext _context = new("order-pipeline-ProducerFunction");
    private ApiGatewayProxyRequest _request = new();
    private LoopbackXRay? _xray;
    private CannedSqsEndpoint? _sqs;
    private AmazonSQSClient? _client;
    private DynamoDbEndpoint? _dynamoDb;
    private AmazonDynamoDBClient? _dynamoDbClient;
    private SubmitOrderHandler? _handler;
    private int _notAccepted;

    [Params(false, true)]
    public bool Tracing { get; set; }

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _client?.Dispose();
        _dynamoDbClient?.Dispose();
        _sqs?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _dynamoDb?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _xray?.ExpectNoProblem();
        _xray?.Dispose();
        if (_notAccepted != 0)
        {
            throw new InvalidOperationException($"{_notAccepted} requests were not answered 202.");
        }
    }

    [Benchmark]
    public async Task<int> HandleAsync()
    {
        var response = await _handler!.HandleAsync(_request, _context, CancellationToken.None);
        if (response.StatusCode != Accepted)
        {
            _notAccepted++;
        }

        return response.StatusCode;
    }

    private async Task SetupAsync()
    {
        // As in Program.cs: tracing first, so that the SDK hook customises the client created after it.
        _xray = Tracing ? new LoopbackXRay([ProducerTelemetry.SourceName], ProducerTelemetry.AnnotationKeys) : null;
        _sqs = await CannedSqsEndpoint.StartAsync();
        _client = _sqs.Client();
        _dynamoDb = await DynamoDbEndpoint.StartAsync();
        _dynamoDb.CreateTable("IdempotencyTable", IdempotencyStore.IdAttribute);
        _dynamoDbClient = _dynamoDb.Client();
        var keyLifetime = TimeSpan.FromHours(24);
        _handler = new SubmitOrderHandler(
            new ProducerSettings(new Uri(_sqs.QueueUrl), "IdempotencyTable", keyLifetime, "OrderPipeline"),
            _client,
            new IdempotencyStore(_dynamoDbClient, "IdempotencyTable", keyLifetime, TimeProvider.System),
            new DiscardingMetricsLogger(),
            TimeProvider.System);
        _request = SampleEvents.Load(SampleEvents.ApiPostOrder, LambdaEventsJsonContext.Default.ApiGatewayProxyRequest);

        var status = await HandleAsync();
        if (status != Accepted)
        {
            throw new InvalidOperationException($"The sample order was answered {status}, not {Accepted}.");
        }

        // SubmitOrder and its SQS call.
        _xray?.ExpectReceived(2);
    }
}
