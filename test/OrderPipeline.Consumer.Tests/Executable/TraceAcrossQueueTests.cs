using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrderPipeline.Local.Sqs;
using OrderPipeline.TestHelpers.DynamoDb;
using OrderPipeline.TestHelpers.Events;
using OrderPipeline.TestHelpers.Functions;
using OrderPipeline.TestHelpers.Sqs;
using OrderPipeline.TestHelpers.XRay;

namespace OrderPipeline.Consumer.Tests.Executable;

// End to end, with both real executables: the producer runs under an invocation trace header, its message and the
// header it sent are taken from the SQS endpoint and handed to the consumer as an SQS event, and the subsegments both
// send to X-Ray daemons on loopback must tell one story.
[Collection(BuiltFunctions.Name)]
public sealed class TraceAcrossQueueTests(ProducerBuild producer, ConsumerBuild consumer) : IAsyncLifetime
{
    private const string Lineage = "Lineage=a87bd80c:1|68fd508a:5";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private SqsEndpoint _sqs = null!;
    private DynamoDbEndpoint _dynamoDb = null!;
    private string _queueUrl = null!;

    public async Task InitializeAsync()
    {
        _sqs = await SqsEndpoint.StartAsync();
        _queueUrl = _sqs.CreateQueue("orders");
        _dynamoDb = await DynamoDbEndpoint.StartAsync();
        _dynamoDb.CreateTable("OrdersTable", "orderId");
        _dynamoDb.CreateTable("IdempotencyTable", "id");
    }

    public async Task DisposeAsync()
    {
        await _sqs.DisposeAsync();
        await _dynamoDb.DisposeAsync();
    }

    [Fact]
    public async Task Order_ProducedAndConsumed_ConsumerSubsegmentNamesTheProducerTrace()
    {
        var producerRoot = NewRoot();
        const string producerParent = "53995c3f42cd8ad8";
        await using var producerDaemon = XRayDaemon.Start();
        await using (var function = await StartProducerAsync(producerDaemon))
        {
            var result = await function.InvokeAsync(
                SampleEvents.Read(SampleEvents.ApiPostOrder), $"Root={producerRoot};Parent={producerParent};Sampled=1;{Lineage}");
            Assert.Equal(202, result.ReadBodyAsJson().GetProperty("statusCode").GetInt32());
        }

        var producerSegments = await producerDaemon.WaitForSegmentsAsync(2, Wait);
        var submit = Single(producerSegments, "SubmitOrder");
        var sqsCall = Single(producerSegments, "SQS");
        AssertSubsegment(submit, producerRoot, producerParent);
        AssertSubsegment(sqsCall, producerRoot, submit.GetProperty("id").GetString()!);
        Assert.Equal("aws", sqsCall.GetProperty("namespace").GetString());
        Assert.Equal("SendMessage", sqsCall.GetProperty("aws").GetProperty("operation").GetString());
        Assert.Equal(_queueUrl, sqsCall.GetProperty("aws").GetProperty("queue_url").GetString());
        Assert.Equal(200, sqsCall.GetProperty("http").GetProperty("response").GetProperty("status").GetInt32());

        var sent = Assert.Single(_sqs.Messages);
        var expectedHeader = $"Root={producerRoot};Parent={sqsCall.GetProperty("id").GetString()};Sampled=1;{Lineage}";
        Assert.Equal(expectedHeader, sent.AwsTraceHeader);
        Assert.Equal(expectedHeader, Assert.Single(_sqs.Requests).Header("X-Amzn-Trace-Id"));
        var orderId = submit.GetProperty("annotations").GetProperty("order_id").GetString();

        var consumerRoot = NewRoot();
        const string consumerParent = "7a1b2c3d4e5f6071";
        await using var consumerDaemon = XRayDaemon.Start();
        await using (var function = await StartConsumerAsync(consumerDaemon))
        {
            var result = await function.InvokeAsync(
                SqsEvent((sent.MessageId, sent.Body, sent.AwsTraceHeader, sent.SentAt)),
                $"Root={consumerRoot};Parent={consumerParent};Sampled=1");
            Assert.Equal("""{"batchItemFailures":[]}""", Encoding.UTF8.GetString(result.Body));
        }

        var consumerSegments = await consumerDaemon.WaitForSegmentsAsync(2, Wait);
        var processing = Single(consumerSegments, "ProcessOrder");
        AssertSubsegment(processing, consumerRoot, consumerParent);
        var store = Single(consumerSegments, "DynamoDB");
        AssertSubsegment(store, consumerRoot, processing.GetProperty("id").GetString()!);
        Assert.Equal("aws", store.GetProperty("namespace").GetString());
        Assert.Equal("PutItem", store.GetProperty("aws").GetProperty("operation").GetString());
        Assert.Equal("OrdersTable", store.GetProperty("aws").GetProperty("table_name").GetString());
        Assert.Equal(200, store.GetProperty("http").GetProperty("response").GetProperty("status").GetInt32());
        Assert.Equal(
            $"Root={consumerRoot};Parent={store.GetProperty("id").GetString()};Sampled=1",
            Assert.Single(_dynamoDb.Requests).Header("X-Amzn-Trace-Id"));
        var annotations = processing.GetProperty("annotations");
        Assert.Equal(producerRoot, annotations.GetProperty("upstream_trace_id").GetString());
        Assert.Equal(orderId, annotations.GetProperty("order_id").GetString());
        Assert.Equal(["order_id", "upstream_trace_id"], annotations.EnumerateObject().Select(a => a.Name).Order(StringComparer.Ordinal));
        var metadata = processing.GetProperty("metadata").GetProperty("default");
        Assert.Equal(sent.MessageId, metadata.GetProperty("message_id").GetString());
        Assert.True(metadata.GetProperty("message_age_ms").GetDouble() >= 0);
    }

    [Fact]
    public async Task Producer_InvocationNotSampled_EmitsNothingButSendsSampledZeroAndLeaksNothingIntoTheNext()
    {
        await using var daemon = XRayDaemon.Start();
        await using var function = await StartProducerAsync(daemon);
        var unsampledRoot = NewRoot();
        var sampledRoot = NewRoot();

        await function.InvokeAsync(SampleEvents.Read(SampleEvents.ApiPostOrder), $"Root={unsampledRoot};Parent=53995c3f42cd8ad8;Sampled=0;{Lineage}");
        await function.InvokeAsync(SampleEvents.Read(SampleEvents.ApiPostOrder), $"Root={sampledRoot};Parent=53995c3f42cd8ad8;Sampled=1");
        var segments = await daemon.WaitForSegmentsAsync(2, Wait);

        // Datagrams from one socket arrive in order: the sampled invocation's two came after anything the first sent.
        Assert.All(segments, segment => Assert.Equal(sampledRoot, segment.RequiredDocument.GetProperty("trace_id").GetString()));
        Assert.Equal(2, daemon.Segments.Count);
        var first = _sqs.Messages[0].AwsTraceHeader!;
        Assert.StartsWith($"Root={unsampledRoot};Parent=", first, StringComparison.Ordinal);
        Assert.EndsWith($";Sampled=0;{Lineage}", first, StringComparison.Ordinal);
        // Nothing of the first invocation's trace leaks into the second: its message names only its own trace.
        Assert.Matches($"^Root={sampledRoot};Parent=[0-9a-f]{{16}};Sampled=1$", _sqs.Messages[1].AwsTraceHeader);
    }

    [Fact]
    public async Task Consumer_RecordWhoseUpstreamWasNotSampled_IsProcessedWithoutASubsegment()
    {
        var batch = JsonNode.Parse(SampleEvents.Read(SampleEvents.SqsOrders))!["Records"]!.AsArray();
        var unsampledUpstream = $"Root={NewRoot()};Parent=1111111111111111;Sampled=0";
        var sampledRoot = NewRoot();
        var sampledUpstream = $"Root={sampledRoot};Parent=2222222222222222;Sampled=1";
        await using var daemon = XRayDaemon.Start();
        await using var function = await StartConsumerAsync(daemon);

        var result = await function.InvokeAsync(
            SqsEvent(
                (batch[0]!["messageId"]!.GetValue<string>(), batch[0]!["body"]!.GetValue<string>(), unsampledUpstream, DateTimeOffset.UtcNow),
                (batch[1]!["messageId"]!.GetValue<string>(), batch[1]!["body"]!.GetValue<string>(), sampledUpstream, DateTimeOffset.UtcNow)),
            $"Root={NewRoot()};Parent=7a1b2c3d4e5f6071;Sampled=1");
        var segments = await daemon.WaitForSegmentsAsync(2, Wait);

        Assert.Equal("""{"batchItemFailures":[]}""", Encoding.UTF8.GetString(result.Body));
        var processing = Single(segments, "ProcessOrder");
        Assert.Equal(sampledRoot, processing.GetProperty("annotations").GetProperty("upstream_trace_id").GetString());
        Assert.Equal(processing.GetProperty("id").GetString(), Single(segments, "DynamoDB").GetProperty("parent_id").GetString());
        Assert.Equal(2, daemon.Segments.Count);
    }

    private Task<RunningFunction> StartProducerAsync(XRayDaemon daemon) =>
        RunningFunction.StartAsync(producer.Build, new Dictionary<string, string>
        {
            ["ORDERS_QUEUE_URL"] = _queueUrl,
            ["IDEMPOTENCY_TABLE_NAME"] = "IdempotencyTable",
            ["AWS_ENDPOINT_URL_SQS"] = _sqs.ServiceUrl,
            ["AWS_ENDPOINT_URL_DYNAMODB"] = _dynamoDb.ServiceUrl,
            ["AWS_XRAY_DAEMON_ADDRESS"] = daemon.Address,
        });

    private Task<RunningFunction> StartConsumerAsync(XRayDaemon daemon) =>
        RunningFunction.StartAsync(consumer.Build, new Dictionary<string, string>
        {
            ["AWS_XRAY_DAEMON_ADDRESS"] = daemon.Address,
            ["ORDERS_TABLE_NAME"] = "OrdersTable",
            ["AWS_ENDPOINT_URL_DYNAMODB"] = _dynamoDb.ServiceUrl,
        });

    private static string NewRoot() =>
        $"1-{DateTimeOffset.UtcNow.ToUnixTimeSeconds():x8}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12))}";

    private static JsonElement Single(IEnumerable<CapturedSegment> segments, string name) =>
        Assert.Single(segments, segment => segment.GetString("name") == name).RequiredDocument;

    private static void AssertSubsegment(JsonElement document, string traceId, string parentId)
    {
        Assert.Equal("subsegment", document.GetProperty("type").GetString());
        Assert.Equal(traceId, document.GetProperty("trace_id").GetString());
        Assert.Equal(parentId, document.GetProperty("parent_id").GetString());
        Assert.Matches("^[0-9a-f]{16}$", document.GetProperty("id").GetString());
        Assert.True(document.GetProperty("end_time").GetDouble() >= document.GetProperty("start_time").GetDouble());
    }

    /// <summary>An SQS event as Lambda's event source mapping builds it, one record per message.</summary>
    private static string SqsEvent(params (string MessageId, string Body, string? TraceHeader, DateTimeOffset SentAt)[] messages)
    {
        var template = JsonNode.Parse(SampleEvents.Read(SampleEvents.SqsOrders))!["Records"]![0]!;
        var records = new JsonArray();
        foreach (var (messageId, body, traceHeader, sentAt) in messages)
        {
            var record = template.DeepClone();
            record["messageId"] = messageId;
            record["body"] = body;
            record["md5OfBody"] = SqsMessageDigest.OfBody(body);
            record["attributes"]!["SentTimestamp"] = sentAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            record["attributes"]!["AWSTraceHeader"] = traceHeader;
            records.Add(record);
        }

        return new JsonObject { ["Records"] = records }.ToJsonString();
    }
}
