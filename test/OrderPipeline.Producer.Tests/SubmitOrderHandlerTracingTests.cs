using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.SQS;
using OrderPipeline.Lambda.Events;
using OrderPipeline.TestHelpers.DynamoDb;
using OrderPipeline.TestHelpers.Events;
using OrderPipeline.TestHelpers.Lambda;
using OrderPipeline.TestHelpers.Sqs;
using OrderPipeline.TestHelpers.XRay;
using OrderPipeline.Tracing;

namespace OrderPipeline.Producer.Tests;

/// <summary>
/// The <c>SubmitOrder</c> subsegment a daemon on loopback receives when the handler fails: an exception that escapes
/// the handler is X-Ray's <c>fault</c> with the exception as its <c>cause</c>, and still reaches the runtime; a request
/// the handler rejects is the caller's <c>error</c>
/// (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html#api-segmentdocuments-errors).
/// </summary>
public sealed class SubmitOrderHandlerTracingTests : IAsyncLifetime
{
    private static readonly string[] Flags = ["error", "throttle", "fault"];

    private readonly XRayDaemon _daemon = XRayDaemon.Start();
    private readonly TestLambdaContext _context = new();
    private TracingSession _tracing = null!;
    private SqsEndpoint _sqs = null!;
    private AmazonSQSClient _client = null!;
    private DynamoDbEndpoint _dynamoDb = null!;
    private AmazonDynamoDBClient _dynamoDbClient = null!;
    private Uri _queueUrl = null!;

    public async Task InitializeAsync()
    {
        _tracing = XRayTracing.Start(
            name => name == "AWS_XRAY_DAEMON_ADDRESS" ? _daemon.Address : null,
            [ProducerTelemetry.SourceName],
            ProducerTelemetry.AnnotationKeys);
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
        await _daemon.DisposeAsync();
    }

    [Fact]
    public async Task HandleAsync_UnexpectedException_EscapesAndItsSubsegmentIsAFaultWithTheCause()
    {
        var root = UseNewTrace();
        var handler = Handler(new BrokenClock());
        var request = SampleEvents.Load(SampleEvents.ApiPostOrder, LambdaEventsJsonContext.Default.ApiGatewayProxyRequest);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(
            () => handler.HandleAsync(request, _context, CancellationToken.None));

        var submit = await SubmitOrderAsync(root);
        Assert.Equal("fault", SetFlags(submit));
        var exception = Assert.Single(submit.GetProperty("cause").GetProperty("exceptions").EnumerateArray());
        Assert.Equal(("System.InvalidOperationException", thrown.Message),
            (exception.GetProperty("type").GetString(), exception.GetProperty("message").GetString()));
        Assert.Contains(exception.GetProperty("stack").EnumerateArray(), frame =>
            frame.GetProperty("label").GetString()!.Contains(nameof(BrokenClock), StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandleAsync_InvalidOrder_ItsSubsegmentIsTheCallersErrorWithoutACause()
    {
        var root = UseNewTrace();
        var handler = Handler(TimeProvider.System);
        var request = SampleEvents.Load(SampleEvents.ApiPostOrderInvalid, LambdaEventsJsonContext.Default.ApiGatewayProxyRequest);

        var response = await handler.HandleAsync(request, _context, CancellationToken.None);

        Assert.Equal(400, response.StatusCode);
        var submit = await SubmitOrderAsync(root);
        Assert.Equal("error", SetFlags(submit));
        Assert.False(submit.TryGetProperty("cause", out _));
    }

    /// <summary>The handler with the real clients; the sample orders carry no Idempotency-Key, so the table is not called.</summary>
    private SubmitOrderHandler Handler(TimeProvider time) => new(
        new ProducerSettings(_queueUrl, "IdempotencyTable", TimeSpan.FromHours(24), "OrderPipeline"),
        _client,
        new IdempotencyStore(_dynamoDbClient, "IdempotencyTable", TimeSpan.FromHours(24), time),
        new TestMetricsLogger(),
        time);

    private static string SetFlags(JsonElement document) =>
        string.Join(',', Flags.Where(flag => document.TryGetProperty(flag, out var value) && value.GetBoolean()));

    private string UseNewTrace()
    {
        var root = XRayTraceId.Format(XRayTraceId.New(TimeProvider.System));
        _context.TraceHeader = $"Root={root};Parent=53995c3f42cd8ad8;Sampled=1";
        return root;
    }

    private async Task<JsonElement> SubmitOrderAsync(string root)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var documents = _daemon.Segments
                .Where(s => s.GetString("trace_id") == root && s.GetString("name") == ProducerTelemetry.SubmitOrder)
                .Select(s => s.RequiredDocument)
                .ToList();
            if (documents.Count > 0 || DateTime.UtcNow > deadline)
            {
                return Assert.Single(documents);
            }

            await Task.Delay(20);
        }
    }

    /// <summary>A clock that fails: a fault no path of the handler expects.</summary>
    private sealed class BrokenClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => throw new InvalidOperationException("The clock is broken.");
    }
}
