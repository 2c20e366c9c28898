using System.Diagnostics;
using System.Globalization;
using OrderPipeline.Lambda.Events;
using OrderPipeline.Tracing;

namespace OrderPipeline.Consumer;

/// <summary>
/// The <c>ProcessOrder</c> activity of one record: a child of the consumer invocation (Lambda's function segment),
/// linked to the producer's trace from the record's <c>AWSTraceHeader</c>, and annotated with <c>message_id</c>,
/// <c>upstream_trace_id</c> (the producer's Root, so <c>annotation.upstream_trace_id = "1-…"</c> finds the
/// processing of a request) and <c>message_age_ms</c> (time spent in the queue).
/// A record whose upstream was explicitly not sampled (<c>Sampled=0</c>) is processed without being recorded
/// ("oversampling mitigation", as the X-Ray SDKs do): its activity carries ids but emits nothing. A missing or malformed
/// header never fails the record.
/// </summary>
internal static class RecordTrace
{
    private const string TraceHeaderAttribute = "AWSTraceHeader";
    private const string SentTimestampAttribute = "SentTimestamp";

    public static Activity? Start(SqsMessage record, ActivityContext invocation, TimeProvider time)
    {
        var upstream = Attribute(record, TraceHeaderAttribute) is { } value && TraceHeader.TryParse(value, out var header)
            ? header
            : null;
        var parent = upstream?.Sampled == SamplingDecision.NotSampled
            ? new ActivityContext(invocation.TraceId, invocation.SpanId, ActivityTraceFlags.None, invocation.TraceState, invocation.IsRemote)
            : invocation;
        var upstreamContext = upstream?.ToActivityContext() ?? default;
        ActivityLink[] links = upstreamContext == default ? [] : [new ActivityLink(upstreamContext)];

        var activity = ConsumerTelemetry.Source.StartActivity(
            ActivityKind.Consumer, parent, links: links, name: ConsumerTelemetry.ProcessOrder);
        if (activity is null || !activity.IsAllDataRequested)
        {
            return activity;
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
