using System.Diagnostics;

namespace OrderPipeline.Consumer;

/// <summary>The consumer's activities, and the tags X-Ray indexes as annotations (searchable in the console).</summary>
/// <remarks>
/// A consumer invocation is one X-Ray trace, and X-Ray's quotas (https://docs.aws.amazon.com/general/latest/gr/xray.html)
/// bound a trace, not a record: at most 50 indexed annotations per trace, 64 KB per segment document, a trace document
/// of 100 KB (500 KB when its segments arrive together), 2,600 segments per second per Region. An SQS event source may
/// deliver up to 10,000 records per invocation (with a batching window), and each recorded record costs two
/// subsegments (<c>ProcessOrder</c> and its DynamoDB call, about 0.8 KB together, 7 KB with an exception's cause on each).
/// So only the first <see cref="MaxRecordedRecords"/> records of a batch whose trace is sampled are recorded, each with
/// the two annotations that matter: <see cref="UpstreamTraceIdTag"/> (the producer's trace: "where was this request
/// processed") and <see cref="OrderIdTag"/> (the order on both sides). The message id and the time spent in the queue
/// are metadata: shown on the subsegment, not searchable. A record past the budget is processed as one whose producer
/// was not sampled: its activity carries the ids downstream but emits nothing, and it is found through the logs: the
/// metric document of a stored order (kept at every log level) and the record's log lines carry its <c>orderId</c>,
/// <c>messageId</c> and the invocation's <c>traceId</c>.
/// </remarks>
internal static class ConsumerTelemetry
{
    public const string SourceName = "OrderPipeline.Consumer";
    public const string ProcessOrder = "ProcessOrder";
    public const string OrderIdTag = "order_id";
    public const string MessageIdTag = "message_id";
    public const string UpstreamTraceIdTag = "upstream_trace_id";
    public const string MessageAgeTag = "message_age_ms";

    /// <summary>
    /// Records recorded per invocation, the template's <c>BatchSize</c>, so that a batch of the template's size is
    /// recorded whole: 10 × 2 annotations = 20 of the trace's 50, leaving room for what a team adds; and 10 × 2
    /// subsegments measure about 8 KB, 70 KB when every record fails with a cause on both (RecordTraceTests), within
    /// the 100 KB trace document beside Lambda's own segments.
    /// </summary>
    public const int MaxRecordedRecords = 10;

    public static readonly string[] AnnotationKeys = [OrderIdTag, UpstreamTraceIdTag];

    public static readonly ActivitySource Source = new(SourceName);
}
