using OrderPipeline.Contracts;
using OrderPipeline.Lambda;
using OrderPipeline.Lambda.Events;
using OrderPipeline.TestHelpers.Events;
using OrderPipeline.TestHelpers.Lambda;
using OrderPipeline.TestHelpers.Time;

namespace OrderPipeline.Consumer.Tests;

public sealed class ProcessOrdersHandlerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 5, 14, 0, TimeSpan.Zero);
    private readonly TestMetricsLogger _metrics = new();
    private readonly TestLambdaContext _context = new();
    private readonly FakeOrderStore _store = new();
    private readonly ProcessOrdersHandler _handler;

    public ProcessOrdersHandlerTests() => _handler = new ProcessOrdersHandler(
        new OrderProcessor(Settings, _store, _metrics, new ManualTimeProvider(Now)),
        new ManualTimeProvider(Now));

    private static ConsumerSettings Settings => new("OrderPipeline", "OrdersTable");

    [Fact]
    public async Task HandleAsync_SampleBatchWithOnePoisonRecord_ReportsExactlyThatRecord()
    {
        var batch = SampleEvents.Load(SampleEvents.SqsOrders, LambdaEventsJsonContext.Default.SqsEvent);

        var response = await _handler.HandleAsync(batch, _context, CancellationToken.None);

        var failure = Assert.Single(response.BatchItemFailures);
        Assert.Equal("c3e9f1a7-2b84-4d6c-9e0f-5a7b3c1d8e24", failure.ItemIdentifier);
        Assert.Equal(2, _metrics.Entries.Count);
    }

    [Fact]
    public async Task HandleAsync_ValidRecord_EmitsOrdersProcessedAndOrderValuePerCurrency()
    {
        var message = Message(("BOOK-123", 2, 19.99m), ("PEN-7", 1, 3.5m));

        var response = await _handler.HandleAsync(Batch(Record("m-1", message.ToJson())), _context, CancellationToken.None);

        Assert.Empty(response.BatchItemFailures);
        var entry = Assert.Single(_metrics.Entries);
        Assert.Equal("OrderPipeline", entry.Namespace);
        Assert.Equal([new MetricDimension("Currency", "EUR")], entry.Dimensions);
        Assert.Equal(1, entry.Value("OrdersProcessed"));
        Assert.Equal(43.48, entry.Value("OrderValue"));
        Assert.Equal(MetricUnit.Count, entry.Metrics.Single(m => m.Name == "OrdersProcessed").Unit);
        Assert.Equal(message.OrderId.ToString(), entry.Properties["orderId"]);
        Assert.Equal("m-1", entry.Properties["messageId"]);
    }

    [Fact]
    public async Task HandleAsync_ValidRecord_LogsOneProcessedLineWithTheTotal()
    {
        var message = Message(("SKU-1", 3, 2.5m));

        await _handler.HandleAsync(Batch(Record("m-1", message.ToJson())), _context, CancellationToken.None);

        var entry = Assert.Single(_context.Logger.Entries);
        Assert.Equal(7.5m, entry.Fields["total"]);
        Assert.Equal(message.OrderId.ToString(), entry.Fields["orderId"]);
        Assert.Equal("m-1", entry.Fields["messageId"]);
    }

    // Most orders are not traced end to end at volume (README: Sampling), so the logs join the two halves: the line
    // names the producer's trace id whether or not this invocation, or the producer's request, was sampled.
    [Theory]
    [InlineData("Sampled=0")]
    [InlineData("Sampled=1")]
    public async Task HandleAsync_RecordWithAnUpstreamTrace_LogsTheUpstreamTraceIdSampledOrNot(string sampled)
    {
        var record = Record("m-1", Message(("SKU-1", 1, 2m)).ToJson());
        record.Attributes!["AWSTraceHeader"] = $"Root=1-6b07c017-9a8b7c6d5e4f3a2b1c0d9e8f;Parent=53995c3f42cd8ad8;{sampled}";

        await _handler.HandleAsync(Batch(record), _context, CancellationToken.None);

        Assert.Equal("1-6b07c017-9a8b7c6d5e4f3a2b1c0d9e8f", Assert.Single(_context.Logger.Entries).Fields["upstreamTraceId"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("{\"version\":2}")]
    [InlineData("{\"version\":1,\"orderId\":\"x\",\"acceptedAt\":\"2026-11-26T05:13:57.123Z\",\"order\":{}}")]
    public async Task HandleAsync_UnreadableOrInvalidRecord_IsReportedAndNeighboursSucceed(string poison)
    {
        var batch = Batch(
            Record("m-1", Message(("A", 1, 1m)).ToJson()),
            Record("m-2", poison),
            Record("m-3", Message(("B", 2, 2m)).ToJson()));

        var response = await _handler.HandleAsync(batch, _context, CancellationToken.None);

        Assert.Equal(["m-2"], response.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.Equal(2, _metrics.Entries.Count);
    }

    [Fact]
    public async Task HandleAsync_WorkThrows_ReportsThatRecordOnly()
    {
        var handler = new ProcessOrdersHandler(
            new OrderProcessor(Settings, _store, new ThrowingMetrics("m-2"), new ManualTimeProvider(Now)),
            new ManualTimeProvider(Now));
        var batch = Batch(
            Record("m-1", Message(("A", 1, 1m)).ToJson()),
            Record("m-2", Message(("B", 1, 1m)).ToJson()),
            Record("m-3", Message(("C", 1, 1m)).ToJson()));

        var response = await handler.HandleAsync(batch, _context, CancellationToken.None);

        Assert.Equal(["m-2"], response.BatchItemFailures.Select(f => f.ItemIdentifier));
    }

    [Fact]
    public async Task HandleAsync_ValidRecord_StoresTheOrderOnceWithItsMessageIdAndProcessingTime()
    {
        var message = Message(("SKU-1", 3, 2.5m));

        await _handler.HandleAsync(Batch(Record("m-1", message.ToJson())), _context, CancellationToken.None);

        var stored = Assert.Single(_store.Orders);
        Assert.Equal(message, stored.Value.Message);
        Assert.Equal("m-1", stored.Value.MessageId);
        Assert.Equal(Now, stored.Value.ProcessedAt);
    }

    [Fact]
    public async Task HandleAsync_OrderDeliveredTwice_SucceedsBothTimesWithOneEffect()
    {
        var message = Message(("SKU-1", 3, 2.5m));

        var first = await _handler.HandleAsync(Batch(Record("m-1", message.ToJson())), _context, CancellationToken.None);
        var second = await _handler.HandleAsync(Batch(Record("m-2", message.ToJson())), _context, CancellationToken.None);

        Assert.Empty(first.BatchItemFailures);
        Assert.Empty(second.BatchItemFailures);
        Assert.Equal("m-1", Assert.Single(_store.Orders).Value.MessageId);
        Assert.Single(_metrics.Entries, entry => entry.Metrics.Any(m => m.Name == "OrdersProcessed"));
        var duplicate = Assert.Single(_metrics.Entries, entry => entry.Metrics.Any(m => m.Name == "DuplicatesAbsorbed"));
        Assert.Equal(1, duplicate.Value("DuplicatesAbsorbed"));
        Assert.Empty(duplicate.Dimensions);
        Assert.Equal("m-2", duplicate.Properties["messageId"]);
    }

    [Fact]
    public async Task HandleAsync_DifferentOrderUnderAStoredId_SucceedsKeepsTheFirstAndCountsAConflict()
    {
        var first = Message(("SKU-1", 1, 1m));
        var reused = first with { Order = new OrderRequest("cust-42", "EUR", [new OrderItem("SKU-2", 5, 9m)]) };

        await _handler.HandleAsync(Batch(Record("m-1", first.ToJson())), _context, CancellationToken.None);
        var response = await _handler.HandleAsync(Batch(Record("m-2", reused.ToJson())), _context, CancellationToken.None);

        Assert.Empty(response.BatchItemFailures);
        Assert.Equal(first, Assert.Single(_store.Orders).Value.Message);
        var conflict = Assert.Single(_metrics.Entries, entry => entry.Metrics.Any(m => m.Name == "IdempotencyConflicts"));
        Assert.Equal(1, conflict.Value("IdempotencyConflicts"));
        Assert.Empty(conflict.Dimensions);
        Assert.Single(_metrics.Entries, entry => entry.Metrics.Any(m => m.Name == "OrdersProcessed"));
        Assert.DoesNotContain(_metrics.Entries, entry => entry.Metrics.Any(m => m.Name == "DuplicatesAbsorbed"));
    }

    [Fact]
    public async Task HandleAsync_SameOrderTwiceInOneBatch_BothRecordsSucceedOneStored()
    {
        var message = Message(("SKU-1", 1, 1m));

        var response = await _handler.HandleAsync(
            Batch(Record("m-1", message.ToJson()), Record("m-2", message.ToJson())), _context, CancellationToken.None);

        Assert.Empty(response.BatchItemFailures);
        Assert.Single(_store.Orders);
        Assert.Equal(2, _store.Calls);
    }

    [Fact]
    public async Task HandleAsync_StoreFailsForOneRecord_ReportsThatRecordOnlyAndEmitsNothingForIt()
    {
        _store.FailFor("m-2");
        var batch = Batch(
            Record("m-1", Message(("A", 1, 1m)).ToJson()),
            Record("m-2", Message(("B", 1, 1m)).ToJson()),
            Record("m-3", Message(("C", 1, 1m)).ToJson()));

        var response = await _handler.HandleAsync(batch, _context, CancellationToken.None);

        Assert.Equal(["m-2"], response.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.Equal(["m-1", "m-3"], _metrics.Entries.Select(entry => (string?)entry.Properties["messageId"]));
        Assert.Equal(2, _store.Orders.Count);
    }

    [Fact]
    public async Task HandleAsync_Always_PassesItsCancellationTokenToTheStore()
    {
        using var deadline = new CancellationTokenSource();

        await _handler.HandleAsync(Batch(Record("m-1", Message(("A", 1, 1m)).ToJson())), _context, deadline.Token);

        Assert.Equal(deadline.Token, _store.LastToken);
    }

    [Fact]
    public async Task HandleAsync_ValidRecord_LogsNoCustomerId()
    {
        await _handler.HandleAsync(Batch(Record("m-1", Message(("A", 1, 1m)).ToJson())), _context, CancellationToken.None);

        var entry = Assert.Single(_context.Logger.Entries);
        Assert.DoesNotContain(entry.Fields.Values, value => Equals(value, "cust-42"));
        Assert.DoesNotContain(_metrics.Entries.SelectMany(e => e.Properties.Values), value => Equals(value, "cust-42"));
    }

    [Fact]
    public async Task HandleAsync_AllValid_ReturnsEmptyFailureList()
    {
        var response = await _handler.HandleAsync(
            Batch(Record("m-1", Message(("A", 1, 1m)).ToJson())), _context, CancellationToken.None);

        Assert.NotNull(response.BatchItemFailures);
        Assert.Empty(response.BatchItemFailures);
    }

    [Fact]
    public async Task HandleAsync_NoRecords_ReturnsEmptyFailureList()
    {
        var response = await _handler.HandleAsync(new SqsEvent(), _context, CancellationToken.None);

        Assert.Empty(response.BatchItemFailures);
    }

    [Fact]
    public async Task HandleAsync_FailingRecordWithoutMessageId_FailsTheWholeBatch()
    {
        var batch = Batch(Record("m-1", Message(("A", 1, 1m)).ToJson()), Record("", "poison"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => _handler.HandleAsync(batch, _context, CancellationToken.None));
    }

    [Fact]
    public async Task HandleAsync_CancelledBeforeTheBatch_HandsEveryRecordBackUnprocessed()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var batch = Batch(Record("m-1", Message(("A", 1, 1m)).ToJson()), Record("m-2", Message(("B", 1, 1m)).ToJson()));

        var response = await _handler.HandleAsync(batch, _context, cancelled.Token);

        Assert.Equal(["m-1", "m-2"], response.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.Empty(_metrics.Entries);
        Assert.Equal(0, _store.Calls);
    }

    private static OrderMessage Message(params (string Sku, int Quantity, decimal UnitPrice)[] items) => new(
        OrderId.New(new ManualTimeProvider(Now.AddSeconds(-2))),
        Now.AddSeconds(-2),
        new OrderRequest("cust-42", "EUR", [.. items.Select(item => new OrderItem(item.Sku, item.Quantity, item.UnitPrice))]));

    private static SqsEvent Batch(params SqsMessage[] records) => new() { Records = records };

    private static SqsMessage Record(string messageId, string body) => new()
    {
        MessageId = messageId,
        ReceiptHandle = "rh-" + messageId,
        Body = body,
        Attributes = new Dictionary<string, string> { ["ApproximateReceiveCount"] = "1" },
        EventSource = "aws:sqs",
    };

    private sealed class ThrowingMetrics(string failingMessageId) : IMetricsLogger
    {
        public void Emit(
            string metricNamespace,
            ReadOnlySpan<MetricDimension> dimensions,
            ReadOnlySpan<Metric> metrics,
            ReadOnlySpan<OrderPipeline.Lambda.Logging.LogField> properties)
        {
            foreach (var property in properties)
            {
                if (property.Name == "messageId" && property.GetString() == failingMessageId)
                {
                    throw new InvalidOperationException("The metrics sink failed.");
                }
            }
        }
    }
}
