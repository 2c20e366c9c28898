using System.Text.Json;
using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.Tests.XRay.Api;

/// <summary>
/// Three traces with fixed ids, as the local stack records them: an accepted order (API Gateway → ProducerFunction →
/// SubmitOrder → SQS SendMessage to "orders"), its consumer invocation (a new trace linked to the SendMessage
/// subsegment, received one second after it ended), and a failing consumer invocation with no link.
/// </summary>
internal static class SampleTraces
{
    public const string Producer = "1-6925d0a5-000000000000000000000001";
    public const string Consumer = "1-6925d0a6-000000000000000000000002";
    public const string FailedConsumer = "1-6925d0a7-000000000000000000000003";
    public const string SendMessageId = "d000000000000002";
    public const double Start = 1764134000;

    public static readonly string[] ProducerDocuments =
    [
        """{"name":"ServerlessRestApi/Prod","id":"a000000000000001","trace_id":"1-6925d0a5-000000000000000000000001","origin":"AWS::ApiGateway::Stage","start_time":1764134000.0,"end_time":1764134000.2,"http":{"request":{"url":"http://127.0.0.1:3000/orders","method":"POST","user_agent":"curl/8","client_ip":"127.0.0.1"},"response":{"status":202}}}""",
        """{"name":"ProducerFunction","id":"b000000000000001","trace_id":"1-6925d0a5-000000000000000000000001","parent_id":"a000000000000001","origin":"AWS::Lambda","start_time":1764134000.01,"end_time":1764134000.19,"aws":{"request_id":"r-1"}}""",
        """{"name":"ProducerFunction","id":"c000000000000001","trace_id":"1-6925d0a5-000000000000000000000001","parent_id":"b000000000000001","origin":"AWS::Lambda::Function","start_time":1764134000.02,"end_time":1764134000.185,"subsegments":[{"name":"Init","id":"e000000000000001","start_time":1764134000.02,"end_time":1764134000.05}]}""",
        """{"name":"SubmitOrder","id":"d000000000000001","trace_id":"1-6925d0a5-000000000000000000000001","parent_id":"c000000000000001","type":"subsegment","start_time":1764134000.06,"end_time":1764134000.18,"annotations":{"customer_id":"cust-42"}}""",
        """{"name":"SQS","id":"d000000000000002","trace_id":"1-6925d0a5-000000000000000000000001","parent_id":"d000000000000001","type":"subsegment","namespace":"aws","start_time":1764134000.1,"end_time":1764134000.15,"aws":{"operation":"SendMessage","queue_url":"http://127.0.0.1:9324/000000000000/orders","region":"us-east-1","request_id":"q-1"},"http":{"response":{"status":200}}}""",
    ];

    public static readonly string[] ConsumerDocuments =
    [
        """{"name":"ConsumerFunction","id":"b000000000000002","trace_id":"1-6925d0a6-000000000000000000000002","origin":"AWS::Lambda","start_time":1764134001.15,"end_time":1764134001.4,"aws":{"request_id":"r-2"},"links":[{"trace_id":"1-6925d0a5-000000000000000000000001","id":"d000000000000002"}]}""",
        """{"name":"ConsumerFunction","id":"c000000000000002","trace_id":"1-6925d0a6-000000000000000000000002","parent_id":"b000000000000002","origin":"AWS::Lambda::Function","start_time":1764134001.16,"end_time":1764134001.39}""",
        """{"name":"ProcessOrder","id":"d000000000000003","trace_id":"1-6925d0a6-000000000000000000000002","parent_id":"c000000000000002","type":"subsegment","start_time":1764134001.2,"end_time":1764134001.3,"annotations":{"order_id":"order-1","message_age_ms":1000,"retried":false,"upstream_trace_id":"1-6925d0a5-000000000000000000000001"}}""",
    ];

    public static readonly string[] FailedConsumerDocuments =
    [
        """{"name":"ConsumerFunction","id":"b000000000000003","trace_id":"1-6925d0a7-000000000000000000000003","origin":"AWS::Lambda","start_time":1764134002.0,"end_time":1764134002.5,"fault":true,"aws":{"request_id":"r-3"}}""",
        """{"name":"ConsumerFunction","id":"c000000000000003","trace_id":"1-6925d0a7-000000000000000000000003","parent_id":"b000000000000003","origin":"AWS::Lambda::Function","start_time":1764134002.01,"end_time":1764134002.49,"fault":true}""",
        """{"name":"ProcessOrder","id":"d000000000000004","trace_id":"1-6925d0a7-000000000000000000000003","parent_id":"c000000000000003","type":"subsegment","start_time":1764134002.1,"end_time":1764134002.4,"fault":true,"annotations":{"order_id":"order-2","message_age_ms":50,"retried":true}}""",
    ];

    /// <summary>A store holding all three traces.</summary>
    public static TraceStore Store()
    {
        var store = new TraceStore();
        Add(store, [.. ProducerDocuments, .. ConsumerDocuments, .. FailedConsumerDocuments]);
        return store;
    }

    public static void Add(TraceStore store, params string[] documents)
    {
        foreach (var json in documents)
        {
            using var document = JsonDocument.Parse(json);
            Assert.True(StoredSegment.TryRead(document.RootElement.Clone(), out var segment), json);
            store.Add(segment!);
        }
    }
}
