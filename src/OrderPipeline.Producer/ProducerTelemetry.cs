using System.Diagnostics;

namespace OrderPipeline.Producer;

/// <summary>The producer's activities, and the tags X-Ray indexes as annotations (searchable in the console).</summary>
internal static class ProducerTelemetry
{
    public const string SourceName = "OrderPipeline.Producer";
    public const string SubmitOrder = "SubmitOrder";
    public const string OrderIdTag = "order_id";

    public static readonly string[] AnnotationKeys = [OrderIdTag];

    public static readonly ActivitySource Source = new(SourceName);
}
