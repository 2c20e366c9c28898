using System.Globalization;
using OrderPipeline.Contracts;
using OrderPipeline.Lambda.Events;
using OrderPipeline.Local.DynamoDb;
using OrderPipeline.TestHelpers.DynamoDb;
using OrderPipeline.TestHelpers.Lambda;
using OrderPipeline.TestHelpers.Time;
using OrderPipeline.TestHelpers.XRay;
using OrderPipeline.Tracing;

namespace OrderPipeline.Consumer.Tests;

// A consumer invocation is one X-Ray trace. The quotas it must fit, from https://docs.aws.amazon.com/general/latest/gr/xray.html:
// 50 indexed annotations per trace, 64 KB per segment document, and a trace document of 100 KB (the lower limit; up to
// 500 KB when the segments arrive together). An SQS event source delivers up to 10,000 records per invocation.
// The handler runs in process with the real exporter, the real SDK hook and the real DynamoDB store against a
// loopback endpoint; the documents are read from the UDP datagrams a loopback daemon receives.
public sealed class RecordTraceTests : IAsyncLifetime
{
    private const int MaxAnnotationsPerTrace = 50;
    private const int MaxDocumentBytes = 64 * 1000;
    private const int MaxTraceDocumentBytes = 100 * 1000;
    private const string Table = "OrdersTable";
    private const string InvocationParent = "7a1b2c3d4e5f6071";
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 5, 14, 0, TimeSpan.Zero);

    private readonly string _invocationRoot = XRayTraceId.Format(XRayTraceId.New(TimeProvider.System));
    private DynamoDbEndpoint _dynamoDb = null!;
    private XRayDaemon _daemon = null!;
    private TracingSession _tracing = null!;

    public async Task InitializeAsync()
    {
        _dynamoDb = await DynamoDbEndpoint.StartAsync();
        _dynamoDb.CreateTable(Table, "orderId");
        _daemon = XRayDaemon.Start();
        _tracing = XRayTracing.Start(
            name => name == "AWS_XRAY_DAEMON_ADDRESS" ? _daemon.Address : null,
            [ConsumerTelemetry.SourceName],
            ConsumerTelemetry.AnnotationKeys);
    }

    public async Task DisposeAsync()
    {
        _tracing.Dispose();
        await _daemon.DisposeAsync();
        await _dynamoDb.DisposeAsync();
    }

    [Fact]
    public async Task HandleAsync_TenThousandRecords_TraceStaysWithinXRayQuotasAndAnnotatesTheFirstRecords()
    {
        var upstream = Enumerable.Range(0, 10_000).Select(_ => XRayTraceId.Format(XRayTraceId.New(TimeProvider.System))).ToList();

        var response = await HandleAsync(upstream);

        Assert.Empty(response.BatchItemFailures);
        Assert.Equal(10_000, _dynamoDb.Changes.Count);
        var documents = await DocumentsOfTheInvocationAsync(2 * ConsumerTelemetry.MaxRecordedRecords);
        AssertWithinQuotas(documents);
        var processing = documents.Where(d => d.RequiredDocument.GetProperty("name").GetString() == ConsumerTelemetry.ProcessOrder).ToList();
        Assert.Equal(
            upstream.Take(ConsumerTelemetry.MaxRecordedRecords),
            processing.Select(d => d.RequiredDocument.GetProperty("annotations").GetProperty("upstream_trace_id").GetString()));
        Assert.All(processing, d => Assert.Equal(
            ["order_id", "upstream_trace_id"],
            d.RequiredDocument.GetProperty("annotations").EnumerateObject().Select(a => a.Name).Order(StringComparer.Ordinal)));
        Assert.All(processing, d => Assert.True(d.RequiredDocument.GetProperty("metadata").GetProperty("default").TryGetProperty("message_id", out _)));
    }

    [Fact]
    public async Task HandleAsync_EveryRecordFailsWithItsCause_TraceStaysWithinXRayQuotas()
    {
        _dynamoDb.Service.FailAll(DynamoDbError.InternalServerError());
        var upstream = Enumerable.Range(0, 100).Select(_ => XRayTraceId.Format(XRayTraceId.New(TimeProvider.System))).ToList();

        var response = await HandleAsync(upstream);

        Assert.Equal(100, response.BatchItemFailures.Count);
        var documents = await DocumentsOfTheInvocationAsync(2 * ConsumerTelemetry.MaxRecordedRecords);
        AssertWithinQuotas(documents);
        Assert.All(documents, d => Assert.True(d.RequiredDocument.TryGetProperty("cause", out _)));
    }

    [Fact]
    public async Task HandleAsync_TemplateBatchOfTen_RecordsEveryRecord()
    {
        var upstream = Enumerable.Range(0, 10).Select(_ => XRayTraceId.Format(XRayTraceId.New(TimeProvider.System))).ToList();

        await HandleAsync(upstream);

        var documents = await DocumentsOfTheInvocationAsync(20);
        Assert.Equal(
            upstream,
            documents.Where(d => d.RequiredDocument.GetProperty("name").GetString() == ConsumerTelemetry.ProcessOrder)
                .Select(d => d.RequiredDocument.GetProperty("annotations").GetProperty("upstream_trace_id").GetString()));
    }

    private static void AssertWithinQuotas(IReadOnlyList<CapturedSegment> documents)
    {
        var annotations = documents.Sum(d => d.RequiredDocument.TryGetProperty("annotations", out var a) ? a.EnumerateObject().Count() : 0);
        Assert.InRange(annotations, 1, MaxAnnotationsPerTrace);
        Assert.All(documents, d => Assert.InRange(d.DocumentBytes.Length, 1, MaxDocumentBytes));
        Assert.InRange(documents.Sum(d => d.DocumentBytes.Length), 1, MaxTraceDocumentBytes);
    }

    private async Task<SqsBatchResponse> HandleAsync(IReadOnlyList<string> upstreamRoots)
    {
        var time = new ManualTimeProvider(Now);
        using var client = _dynamoDb.Client();
        var handler = new ProcessOrdersHandler(
            new OrderProcessor(new ConsumerSettings("OrderPipeline", Table), new DynamoDbOrderStore(client, Table), new TestMetricsLogger(), time),
            time);
        var records = upstreamRoots.Select((root, i) => new SqsMessage
        {
            MessageId = $"m-{i}",
            ReceiptHandle = $"rh-{i}",
            Body = new OrderMessage(
                OrderId.New(TimeProvider.System),
                Now.AddSeconds(-2),
                new OrderRequest("cust-42", "EUR", [new OrderItem("BOOK-123", 1 + (i % 9), 19.99m)])).ToJson(),
            Attributes = new Dictionary<string, string>
            {
                ["ApproximateReceiveCount"] = "1",
                ["SentTimestamp"] = Now.AddSeconds(-2).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                ["AWSTraceHeader"] = $"Root={root};Parent=53995c3f42cd8ad8;Sampled=1",
            },
            EventSource = "aws:sqs",
        }).ToArray();
        var context = new TestLambdaContext
        {
            TraceHeader = $"Root={_invocationRoot};Parent={InvocationParent};Sampled=1;Lineage=a87bd80c:1",
            Time = time,
        };
        return await handler.HandleAsync(new SqsEvent { Records = records }, context, CancellationToken.None);
    }

    /// <summary>The invocation trace's documents, once <paramref name="expected"/> arrived and nothing more came.</summary>
    private async Task<IReadOnlyList<CapturedSegment>> DocumentsOfTheInvocationAsync(int expected)
    {
        await _daemon.WaitForSegmentsAsync(expected, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        return [.. _daemon.Segments.Where(s => s.Document is { } d && d.GetProperty("trace_id").GetString() == _invocationRoot)];
    }
}
