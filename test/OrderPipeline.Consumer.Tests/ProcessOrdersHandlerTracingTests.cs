using System.Text.Json;
using OrderPipeline.Lambda.Events;
using OrderPipeline.TestHelpers.DynamoDb;
using OrderPipeline.TestHelpers.Events;
using OrderPipeline.TestHelpers.Lambda;
using OrderPipeline.TestHelpers.Time;
using OrderPipeline.TestHelpers.XRay;
using OrderPipeline.Tracing;

namespace OrderPipeline.Consumer.Tests;

/// <summary>
/// The subsegments a daemon on loopback receives for the consumer's records, with the real store on the local DynamoDB:
/// X-Ray's flags keep their meaning (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html#api-segmentdocuments-errors).
/// A record that is not an order message is the sender's `error`, not our fault; a duplicate delivery's failed
/// conditional write is the expected answer, no error at all; a store that fails is our `fault`, with its cause.
/// </summary>
public sealed class ProcessOrdersHandlerTracingTests : IAsyncLifetime
{
    private const string PoisonMessageId = "c3e9f1a7-2b84-4d6c-9e0f-5a7b3c1d8e24";
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 5, 14, 0, TimeSpan.Zero);
    private static readonly string[] Flags = ["error", "throttle", "fault"];

    private readonly XRayDaemon _daemon = XRayDaemon.Start();
    private readonly TestLambdaContext _context = new();
    private TracingSession _tracing = null!;
    private DynamoDbEndpoint _dynamoDb = null!;

    public async Task InitializeAsync()
    {
        // Tracing first, as Program does: it hooks the AWS clients created after it.
        _tracing = XRayTracing.Start(
            name => name == "AWS_XRAY_DAEMON_ADDRESS" ? _daemon.Address : null,
            [ConsumerTelemetry.SourceName],
            ConsumerTelemetry.AnnotationKeys);
        _dynamoDb = await DynamoDbEndpoint.StartAsync();
        _dynamoDb.CreateTable("OrdersTable", "orderId");
    }

    public async Task DisposeAsync()
    {
        _tracing.Dispose();
        await _dynamoDb.DisposeAsync();
        await _daemon.DisposeAsync();
    }

    [Fact]
    public async Task HandleAsync_PoisonRecord_ItsSubsegmentIsAnErrorNotAFault()
    {
        var root = UseNewTrace();
        using var client = _dynamoDb.Client();

        await Handler(new DynamoDbOrderStore(client, "OrdersTable")).HandleAsync(SampleBatch(), _context, CancellationToken.None);

        var documents = await DocumentsAsync(root, 5);
        var poison = Assert.Single(documents, d => IsRecord(d, PoisonMessageId));
        Assert.Equal("error", SetFlags(poison));
        Assert.False(poison.TryGetProperty("cause", out _));
        Assert.All(documents.Where(d => !IsRecord(d, PoisonMessageId)), d => Assert.Equal("", SetFlags(d)));
    }

    [Fact]
    public async Task HandleAsync_DuplicateDelivery_ItsConditionalWriteIsNoErrorAndKeepsTheCodeAsMetadata()
    {
        using var client = _dynamoDb.Client();
        var handler = Handler(new DynamoDbOrderStore(client, "OrdersTable"));
        await handler.HandleAsync(SampleBatch(), _context, CancellationToken.None);
        var root = UseNewTrace();

        var response = await handler.HandleAsync(SampleBatch(), _context, CancellationToken.None);

        Assert.Equal([PoisonMessageId], response.BatchItemFailures.Select(f => f.ItemIdentifier));
        var writes = (await DocumentsAsync(root, 5)).Where(d => d.GetProperty("name").GetString() == "DynamoDB").ToList();
        Assert.Equal(2, writes.Count);
        Assert.All(writes, write =>
        {
            Assert.Equal("", SetFlags(write));
            Assert.False(write.TryGetProperty("cause", out _));
            Assert.Equal(400, write.GetProperty("http").GetProperty("response").GetProperty("status").GetInt32());
            Assert.Equal(
                "ConditionalCheckFailedException",
                write.GetProperty("metadata").GetProperty("default").GetProperty("error.type").GetString());
        });
    }

    [Fact]
    public async Task HandleAsync_StoreThrows_TheRecordsSubsegmentIsAFaultWithTheCause()
    {
        var root = UseNewTrace();
        var store = new FakeOrderStore();
        var batch = SampleBatch();
        var failing = batch.Records![0].MessageId!;
        store.FailFor(failing);

        await Handler(store).HandleAsync(batch, _context, CancellationToken.None);

        var record = Assert.Single(await DocumentsAsync(root, 3), d => IsRecord(d, failing));
        Assert.Equal("fault", SetFlags(record));
        var exception = Assert.Single(record.GetProperty("cause").GetProperty("exceptions").EnumerateArray());
        Assert.Equal(("System.InvalidOperationException", "The store could not be reached."),
            (exception.GetProperty("type").GetString(), exception.GetProperty("message").GetString()));
    }

    private static ProcessOrdersHandler Handler(IOrderStore store) => new(
        new OrderProcessor(new ConsumerSettings("OrderPipeline", "OrdersTable"), store, new TestMetricsLogger(), new ManualTimeProvider(Now)),
        new ManualTimeProvider(Now));

    private static SqsEvent SampleBatch() => SampleEvents.Load(SampleEvents.SqsOrders, LambdaEventsJsonContext.Default.SqsEvent);

    /// <summary>Whether the document is the ProcessOrder subsegment of that record (its message id, indexed or not).</summary>
    private static bool IsRecord(JsonElement document, string messageId) =>
        (document.TryGetProperty("annotations", out var annotations) && HasMessageId(annotations, messageId))
        || (document.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("default", out var values)
            && HasMessageId(values, messageId));

    private static bool HasMessageId(JsonElement values, string messageId) =>
        values.TryGetProperty(ConsumerTelemetry.MessageIdTag, out var id) && id.GetString() == messageId;

    private static string SetFlags(JsonElement document) =>
        string.Join(',', Flags.Where(flag => document.TryGetProperty(flag, out var value) && value.GetBoolean()));

    /// <summary>The invocation's trace: a new sampled root, so that only this test's documents are read.</summary>
    private string UseNewTrace()
    {
        var root = XRayTraceId.Format(XRayTraceId.New(TimeProvider.System));
        _context.TraceHeader = $"Root={root};Parent=7a1b2c3d4e5f6071;Sampled=1";
        return root;
    }

    private async Task<List<JsonElement>> DocumentsAsync(string root, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var documents = _daemon.Segments.Where(s => s.GetString("trace_id") == root).Select(s => s.RequiredDocument).ToList();
            if (documents.Count >= count || DateTime.UtcNow > deadline)
            {
                Assert.Equal(count, documents.Count);
                return documents;
            }

            await Task.Delay(20);
        }
    }
}
