using OrderPipeline.Lambda.Logging;

namespace OrderPipeline.Lambda;

/// <summary>Publishes CloudWatch metrics from a function without an API call, as Embedded Metric Format documents.</summary>
public interface IMetricsLogger
{
    /// <summary>
    /// Writes one EMF document: the metrics under <paramref name="metricNamespace"/> with one dimension set made of
    /// <paramref name="dimensions"/> (at most 30), plus <paramref name="properties"/>, which CloudWatch
    /// keeps in the log record (searchable with Logs Insights) but does not turn into metrics. Never throws.
    /// </summary>
    void Emit(
        string metricNamespace,
        ReadOnlySpan<MetricDimension> dimensions,
        ReadOnlySpan<Metric> metrics,
        ReadOnlySpan<LogField> properties);
}

/// <summary>One value of a CloudWatch metric.</summary>
/// <param name="Name">The metric name: 1–255 characters.</param>
/// <param name="Value">The value; CloudWatch rejects NaN and infinities, so they are never written.</param>
/// <param name="Unit">The CloudWatch unit.</param>
public readonly record struct Metric(string Name, double Value, MetricUnit Unit = MetricUnit.None);

/// <summary>A dimension of a metric: CloudWatch aggregates the metric per distinct <paramref name="Value"/>.</summary>
public readonly record struct MetricDimension(string Name, string Value);

/// <summary>The CloudWatch units a metric can carry (a subset of the EMF <c>Unit</c> values).</summary>
public enum MetricUnit
{
    None,
    Count,
    Milliseconds,
    Seconds,
    Bytes,
    Percent,
}
