using System.Diagnostics;
using System.Globalization;
using OrderPipeline.Lambda.Events;
using OrderPipeline.Tracing;

namespace OrderPipeline.Consumer;

/// <summary>
/// The <c>ProcessOrder</c> activities of one invocation's records: each a child of the consumer invocation (the
/// invocation's span current when the instance is made, else Lambda's function segment), carrying the invocation header's other fields (<c>Lineage</c>) to the calls made under it,
/// linked to the producer's trace from the record's <c>AWSTraceHeader</c>, annotated with <c>upstream_trace_id</c> (the
/// producer's Root, so <c>annotation.upstream_trace_id = "1-…"</c> finds the processing of a request), with
/// <c>message_id</c> and <c>message_age_ms</c> (time spent in the queue) as metadata.
/// A record whose upstream was explicitly not sampled (<c>Sampled=0</c>) is processed without being recorded
/// ("oversampling mitigation", as the X-Ray SDKs do), and so is every record once
/// <see cref="ConsumerTelemetry.MaxRecordedRecords"/> have been recorded: its activity carries ids but emits nothing.
/// A missing or malformed header never fails the record. One instance per invocation; not thread-safe.
/// </summary>
internal sealed class RecordTrace(TraceHeader? invocation, TimeProvider time)
{
    private const string TraceHeaderAttribute = "AWSTraceHeader";
    private const string SentTimestampAttribute = "SentTimestamp";

    // The invocation's span when the tracing session started one (OpenTelemetry export), else Lambda's function segment.
    private readonly ActivityContext _invocation = Activity.Current?.Context ?? invocation?.ToActivityContext() ?? default;
    private int _recordedCount;

    /// <summary>
    /// Starts the record's <c>ProcessOrder</c> activity; <paramref name="upstreamTraceId"/> is the producer's trace id
    /// (the Root of the record's <c>AWSTraceHeader</c>), null when the record carries none, for the record's log lines:
    /// they name it whether or not either side was sampled.
    /// </summary>
    public Activity? Start(SqsMessage record, out string? upstreamTraceId)
    {
        var upstream = Attribute(record, TraceHeaderAttribute) is { } value && TraceHeader.TryParse(value, out var header)
            ? header
            : null;
        upstreamTraceId = upstream?.Root;
        var parent = upstream?.Sampled == SamplingDecision.NotSampled || _recordedCount >= ConsumerTelemetry.MaxRecordedRecords
            ? new ActivityContext(_invocation.TraceId, _invocation.SpanId, ActivityTraceFlags.None, traceState: null, _invocation.IsRemote)
            : _invocation;
        var upstreamContext = upstream?.ToActivityContext() ?? default;
        ActivityLink[] links = upstreamContext == default ? [] : [new ActivityLink(upstreamContext)];

        var activity = ConsumerTelemetry.Source.StartActivity(
            ActivityKind.Consumer, parent, links: links, name: ConsumerTelemetry.ProcessOrder);
        invocation?.CarryOtherFieldsOn(activity);
        if (activity is null || !activity.IsAllDataRequested)
        {
            return activity;
        }

        if (activity.Recorded)
        {
            _recordedCount++;
        }

        activity.SetTag(ConsumerTelemetry.MessageIdTag, record.MessageId);
        if (upstream is not null)
        {
            activity.SetTag(ConsumerTelemetry.UpstreamTraceIdTag, upstream.Root);
        }

        if (long.TryParse(Attribute(record, SentTimestampAttribute), NumberStyles.None, CultureInfo.InvariantCulture, out var sentMs))
        {
            activity.SetTag(ConsumerTelemetry.MessageAgeTag, Math.Max(0, time.GetUtcNow().ToUnixTimeMilliseconds() - sentMs));
        }

        return activity;
    }

    private static string? Attribute(SqsMessage record, string name) =>
        record.Attributes is { } attributes && attributes.TryGetValue(name, out var value) ? value : null;
}

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

    /// <summary>
    /// OpenTelemetry export: the tags written under a semantic-convention name there (X-Ray keeps these keys)
    /// (https://opentelemetry.io/docs/specs/semconv/messaging/messaging-spans/).
    /// </summary>
    public static readonly KeyValuePair<string, string>[] OtlpAttributeNames = [new(MessageIdTag, "messaging.message.id")];

    public static readonly ActivitySource Source = new(SourceName);
}
