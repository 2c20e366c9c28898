using System.Diagnostics;

namespace OrderPipeline.Consumer;

/// <summary>The consumer's activities, and the tags X-Ray indexes as annotations (searchable in the console).</summary>
internal static class ConsumerTelemetry
{
    public const string SourceName = "OrderPipeline.Consumer";
    public const string ProcessOrder = "ProcessOrder";
    public const string OrderIdTag = "order_id";
    public const string MessageIdTag = "message_id";
    public const string UpstreamTraceIdTag = "upstream_trace_id";
    public const string MessageAgeTag = "message_age_ms";

    public static readonly string[] AnnotationKeys = [OrderIdTag, MessageIdTag, UpstreamTraceIdTag, MessageAgeTag];

    public static readonly ActivitySource Source = new(SourceName);
}
