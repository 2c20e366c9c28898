using System.Globalization;
using System.Text.Json;
using Amazon.SQS.Model;
using OrderPipeline.Lambda.Events;
using OrderPipeline.Local.Sqs;
using OrderPipeline.Local.XRay;
using OrderPipeline.TestHelpers.Time;
using OrderPipeline.Tracing;

namespace OrderPipeline.Local.Tests.Lambda.EventSourceMapping;

public sealed partial class SqsEventSourceMappingTests
{
    private const string UpstreamA = "Root=1-6b07c015-4e2f1d8c7b6a5f4e3d2c1b0a;Parent=7f3a9c1e5b2d8046;Sampled=1";
    private const string UpstreamB = "Root=1-6b07c016-b1c2d3e4f5a6b7c8d9e0f1a2;Parent=2c8e4a6f0b9d1e37;Sampled=1;Lineage=a87bd80c:1";
    private const string Unsampled = "Root=1-6b07c017-0123456789abcdef01234567;Parent=1111222233334444;Sampled=0";

    [Fact]
    public async Task Start_WithTracedRecords_RecordsLinksToTheirUpstreamTracesInTheLambdaSegment()
    {
        CreateQueue(TimeSpan.FromSeconds(30));
        foreach (var header in new[] { UpstreamA, UpstreamB, UpstreamA, Unsampled, "Root=garbage" })
        {
            await SendTracedAsync("body", header);
        }

        await SendAsync("untraced");
        var invoker = new FakeFunctionInvoker(_ => FakeFunctionInvoker.Success(string.Empty));

        Mapping(invoker, batchSize: 10).Start();
        await Eventually.HoldsAsync(() => _recorded.Outcomes.Count == 1, "the batch is settled");

        var outcome = _recorded.Outcomes[0];
        Assert.Equal(6, outcome.RecordCount);
        var segments = _store.Trace(outcome.TraceId);
        var service = Assert.Single(segments, segment => Origin(segment) == LambdaSegments.ServiceOrigin);
        var function = Assert.Single(segments, segment => Origin(segment) == LambdaSegments.FunctionOrigin);
        var links = service.Document.GetProperty("links").EnumerateArray()
            .Select(link => (link.GetProperty("trace_id").GetString(), link.GetProperty("id").GetString()));
        Assert.Equal(
            [("1-6b07c015-4e2f1d8c7b6a5f4e3d2c1b0a", "7f3a9c1e5b2d8046"), ("1-6b07c016-b1c2d3e4f5a6b7c8d9e0f1a2", "2c8e4a6f0b9d1e37")],
            links);
        Assert.Equal((FunctionName, service.Id), (function.Name, function.ParentId));
        Assert.Null(service.ParentId);
        Assert.Equal($"Root={outcome.TraceId};Parent={function.Id};Sampled=1", Assert.Single(invoker.Invocations).TraceHeader);
    }

    // Lambda decides for the invocations it starts itself, at its fixed rate of 1 a second then 5%
    // (https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html); a record's AWSTraceHeader, Sampled=1 or not,
    // only links the batch's trace to its producer's (https://docs.aws.amazon.com/xray/latest/devguide/xray-tracelinking.html).
    [Fact]
    public async Task Start_SecondBatchInTheSameSecond_InvokesWithSampledZeroAndRecordsNothingForIt()
    {
        CreateQueue(TimeSpan.FromSeconds(30));
        await SendTracedAsync("first", UpstreamA);
        await SendTracedAsync("second", UpstreamB);
        var invoker = new FakeFunctionInvoker(_ => FakeFunctionInvoker.Success(string.Empty));
        var lambdaRate = new XRaySampler([], new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20_000)), () => 0.99);

        Mapping(invoker, batchSize: 1, sampler: lambdaRate).Start();
        await Eventually.HoldsAsync(() => _recorded.Outcomes.Count == 2, "both batches are settled");

        var headers = invoker.Invocations.Select(invocation => Assert.IsType<TraceHeader>(
            TraceHeader.TryParse(invocation.TraceHeader!, out var header) ? header : null)).ToList();
        var sampled = Assert.Single(headers, header => header.Sampled == SamplingDecision.Sampled);
        Assert.Single(headers, header => header.Sampled == SamplingDecision.NotSampled);
        Assert.Equal(
            _recorded.Outcomes.Select(outcome => outcome.TraceId).Order(StringComparer.Ordinal),
            headers.Select(header => header.Root).Order(StringComparer.Ordinal));
        Assert.All(headers, header => Assert.Matches("^[0-9a-f]{16}$", header.Parent));
        Assert.Equal([sampled.Root], _store.TraceIds());
        Assert.Equal(2, _recorded.Outcomes.Sum(outcome => outcome.DeletedCount));
    }

    [Fact]
    public async Task Start_WithMessageAttributesAndTraceHeader_InvokesWithTheLambdaSqsEvent()
    {
        CreateQueue(TimeSpan.FromSeconds(30));
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var sent = await _sqs.SendMessageAsync(new SendMessageRequest(QueueUrl, "{\"orderId\":\"o-1\"}")
        {
            MessageAttributes = new()
            {
                ["orderId"] = new() { DataType = "String", StringValue = "order-42" },
                ["checksum"] = new() { DataType = "Binary", BinaryValue = new MemoryStream([1, 2, 3]) },
            },
            MessageSystemAttributes = new() { [SqsSentMessage.TraceHeaderAttribute] = new() { DataType = "String", StringValue = UpstreamA } },
        });
        var invoker = new FakeFunctionInvoker(_ => FakeFunctionInvoker.Success(string.Empty));

        Mapping(invoker, batchSize: 10).Start();
        await Eventually.HoldsAsync(() => _recorded.Outcomes.Count == 1, "the batch is settled");

        var payload = Assert.Single(invoker.Invocations).Payload;
        using var document = JsonDocument.Parse(payload);
        var record = document.RootElement.GetProperty("Records")[0];
        var attributes = record.GetProperty("attributes");
        var receiptHandle = record.GetProperty("receiptHandle").GetString()!;
        var sentAt = attributes.GetProperty("SentTimestamp").GetString()!;
        var firstReceivedAt = attributes.GetProperty("ApproximateFirstReceiveTimestamp").GetString()!;
        var expected = "{\"Records\":[{"
            + $"\"messageId\":\"{sent.MessageId}\",\"receiptHandle\":\"{receiptHandle}\",\"body\":\"{{\\\"orderId\\\":\\\"o-1\\\"}}\","
            + $"\"attributes\":{{\"ApproximateReceiveCount\":\"1\",\"SentTimestamp\":\"{sentAt}\",\"SenderId\":\"test\","
            + $"\"ApproximateFirstReceiveTimestamp\":\"{firstReceivedAt}\",\"AWSTraceHeader\":\"{UpstreamA}\"}},"
            + "\"messageAttributes\":{"
            + "\"checksum\":{\"binaryValue\":\"AQID\",\"stringListValues\":[],\"binaryListValues\":[],\"dataType\":\"Binary\"},"
            + "\"orderId\":{\"stringValue\":\"order-42\",\"stringListValues\":[],\"binaryListValues\":[],\"dataType\":\"String\"}},"
            + $"\"md5OfBody\":\"{sent.MD5OfMessageBody}\",\"md5OfMessageAttributes\":\"{sent.MD5OfMessageAttributes}\","
            + "\"eventSource\":\"aws:sqs\",\"eventSourceARN\":\"arn:aws:sqs:us-east-1:000000000000:orders\","
            + "\"awsRegion\":\"us-east-1\"}]}";
        Assert.Equal(expected, payload);
        Assert.NotEmpty(receiptHandle);
        Assert.InRange(long.Parse(sentAt, CultureInfo.InvariantCulture), before, long.Parse(firstReceivedAt, CultureInfo.InvariantCulture));
        var parsed = JsonSerializer.Deserialize(payload, LambdaEventsJsonContext.Default.SqsEvent)!;
        Assert.Equal("order-42", Assert.Single(parsed.Records).MessageAttributes!["orderId"].StringValue);
    }

    private static string? Origin(StoredSegment segment) =>
        segment.Document.TryGetProperty("origin", out var origin) ? origin.GetString() : null;

    private async Task SendTracedAsync(string body, string traceHeader) =>
        await _sqs.SendMessageAsync(new SendMessageRequest(QueueUrl, body)
        {
            MessageSystemAttributes = new() { [SqsSentMessage.TraceHeaderAttribute] = new() { DataType = "String", StringValue = traceHeader } },
        });
}
