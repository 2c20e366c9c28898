using System.Diagnostics;
using System.Globalization;
using OrderPipeline.Contracts;
using OrderPipeline.Lambda.Events;
using OrderPipeline.Local.Sqs;
using OrderPipeline.TestHelpers.Events;
using OrderPipeline.Tracing;

namespace OrderPipeline.Benchmarks.Support;

/// <summary>
/// An SQS event of valid order messages as Lambda delivers them to the consumer: the first record of
/// <c>events/sqs-orders.json</c> repeated, each copy with its own message id, order id (UUID v7) and upstream trace
/// (a producer trace of its own, <c>Sampled=1</c>), as a batch of distinct requests would arrive.
/// </summary>
internal static class OrderBatch
{
    public static SqsEvent Create(int size)
    {
        var template = SampleEvents.Load(SampleEvents.SqsOrders, LambdaEventsJsonContext.Default.SqsEvent).Records[0];
        if (!OrderMessage.TryParse(System.Text.Encoding.UTF8.GetBytes(template.Body), out var order, out _))
        {
            throw new InvalidOperationException($"The first record of {SampleEvents.SqsOrders} no longer holds a valid order message.");
        }

        var sent = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var records = new List<SqsMessage>(size);
        for (var i = 0; i < size; i++)
        {
            var body = (order with { OrderId = OrderId.New(TimeProvider.System) }).ToJson();
            var upstream = new TraceHeader(
                XRayTraceId.Format(ActivityTraceId.CreateRandom()), ActivitySpanId.CreateRandom().ToHexString(), SamplingDecision.Sampled);
            records.Add(new SqsMessage
            {
                MessageId = Guid.NewGuid().ToString(),
                ReceiptHandle = template.ReceiptHandle,
                Body = body,
                Attributes = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["ApproximateReceiveCount"] = "1",
                    ["AWSTraceHeader"] = upstream.ToString(),
                    ["SentTimestamp"] = sent,
                    ["SenderId"] = template.Attributes?["SenderId"] ?? "AROA3XFRBF23DVYEXAMPL:producer",
                    ["ApproximateFirstReceiveTimestamp"] = sent,
                },
                MessageAttributes = new Dictionary<string, SqsMessageAttribute>(StringComparer.Ordinal),
                Md5OfBody = SqsMessageDigest.OfBody(body),
                EventSource = template.EventSource,
                EventSourceArn = template.EventSourceArn,
                AwsRegion = template.AwsRegion,
            });
        }

        return new SqsEvent { Records = records };
    }
}
