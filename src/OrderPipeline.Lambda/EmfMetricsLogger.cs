using System.Text.Json;
using OrderPipeline.Lambda.Logging;

namespace OrderPipeline.Lambda;

/// <summary>
/// Writes CloudWatch Embedded Metric Format documents as JSON lines on the function's output:
/// <c>{"_aws":{"Timestamp":…,"CloudWatchMetrics":[{"Namespace":…,"Dimensions":[[…]],"Metrics":[{"Name":…,"Unit":…}]}]},
/// "&lt;dimension&gt;":"…","&lt;metric&gt;":1,"requestId":…,"traceId":…,…}</c>.
/// </summary>
internal sealed class EmfMetricsLogger(JsonLineSink sink, TimeProvider time) : IMetricsLogger
{
    /// <summary>CloudWatch allows at most 30 dimensions in a dimension set.</summary>
    public const int MaxDimensions = 30;

    private static readonly JsonEncodedText Aws = JsonEncodedText.Encode("_aws");
    private static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("Timestamp");
    private static readonly JsonEncodedText CloudWatchMetrics = JsonEncodedText.Encode("CloudWatchMetrics");
    private static readonly JsonEncodedText Namespace = JsonEncodedText.Encode("Namespace");
    private static readonly JsonEncodedText Dimensions = JsonEncodedText.Encode("Dimensions");
    private static readonly JsonEncodedText Metrics = JsonEncodedText.Encode("Metrics");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("Name");
    private static readonly JsonEncodedText Unit = JsonEncodedText.Encode("Unit");
    private static readonly JsonEncodedText RequestId = JsonEncodedText.Encode("requestId");
    private static readonly JsonEncodedText TraceId = JsonEncodedText.Encode("traceId");

    public void Emit(
        string metricNamespace,
        ReadOnlySpan<MetricDimension> dimensions,
        ReadOnlySpan<Metric> metrics,
        ReadOnlySpan<LogField> properties)
    {
        ArgumentException.ThrowIfNullOrEmpty(metricNamespace);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimensions.Length, MaxDimensions);
        var document = new Document(
            metricNamespace, dimensions, metrics, properties, time.GetUtcNow(), LambdaContextAccessor.Current);
        sink.WriteLine(document, static (writer, document) => Write(writer, document));
    }

    private static void Write(Utf8JsonWriter writer, in Document document)
    {
        writer.WriteStartObject();
        writer.WriteStartObject(Aws);
        writer.WriteNumber(Timestamp, document.Time.ToUnixTimeMilliseconds());
        writer.WriteStartArray(CloudWatchMetrics);
        writer.WriteStartObject();
        writer.WriteString(Namespace, document.Namespace);
        writer.WriteStartArray(Dimensions);
        writer.WriteStartArray();
        foreach (var dimension in document.Dimensions)
        {
            writer.WriteStringValue(dimension.Name);
        }

        writer.WriteEndArray();
        writer.WriteEndArray();
        writer.WriteStartArray(Metrics);
        foreach (var metric in document.Metrics)
        {
            if (double.IsFinite(metric.Value))
            {
                writer.WriteStartObject();
                writer.WriteString(Name, metric.Name);
                writer.WriteString(Unit, UnitName(metric.Unit));
                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();

        foreach (var dimension in document.Dimensions)
        {
            writer.WriteString(dimension.Name, dimension.Value);
        }

        foreach (var metric in document.Metrics)
        {
            if (double.IsFinite(metric.Value))
            {
                writer.WriteNumber(metric.Name, metric.Value);
            }
        }

        if (document.Context is { } context)
        {
            writer.WriteString(RequestId, context.AwsRequestId);
            var traceId = TraceRoot.Find(context.TraceHeader);
            if (!traceId.IsEmpty)
            {
                writer.WriteString(TraceId, traceId);
            }
        }

        foreach (var property in document.Properties)
        {
            LogFieldWriter.Write(writer, property);
        }

        writer.WriteEndObject();
    }

    /// <summary>The unit as EMF spells it (CloudWatch's <c>StandardUnit</c> names).</summary>
    private static string UnitName(MetricUnit unit) => unit switch
    {
        MetricUnit.Count => "Count",
        MetricUnit.Milliseconds => "Milliseconds",
        MetricUnit.Seconds => "Seconds",
        MetricUnit.Bytes => "Bytes",
        MetricUnit.Percent => "Percent",
        _ => "None",
    };

    private readonly ref struct Document(
        string metricNamespace,
        ReadOnlySpan<MetricDimension> dimensions,
        ReadOnlySpan<Metric> metrics,
        ReadOnlySpan<LogField> properties,
        DateTimeOffset time,
        ILambdaContext? context)
    {
        public string Namespace { get; } = metricNamespace;

        public ReadOnlySpan<MetricDimension> Dimensions { get; } = dimensions;

        public ReadOnlySpan<Metric> Metrics { get; } = metrics;

        public ReadOnlySpan<LogField> Properties { get; } = properties;

        public DateTimeOffset Time { get; } = time;

        public ILambdaContext? Context { get; } = context;
    }
}
