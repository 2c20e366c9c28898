using OrderPipeline.Lambda.Logging;

namespace OrderPipeline.Lambda.Metrics;

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
