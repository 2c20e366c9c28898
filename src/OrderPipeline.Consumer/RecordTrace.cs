using System.Diagnostics;
using System.Globalization;
using OrderPipeline.Lambda.Events;
using OrderPipeline.Tracing;

namespace OrderPipeline.Consumer;

/// <summary>
/// The <c>ProcessOrder</c> activities of one invocation's records: each a child of the consumer invocation (Lambda's
/// function segment), carrying the invocation header's other fields (<c>Lineage</c>) to the calls made under it,
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

    private readonly ActivityContext _invocation = invocation?.ToActivityContext() ?? default;
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
