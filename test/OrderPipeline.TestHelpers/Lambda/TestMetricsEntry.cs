using OrderPipeline.Lambda;

namespace OrderPipeline.TestHelpers.Lambda;

/// <summary>One metrics document captured by <see cref="TestMetricsLogger"/>.</summary>
public sealed record TestMetricsEntry(
    string Namespace,
    IReadOnlyList<MetricDimension> Dimensions,
    IReadOnlyList<Metric> Metrics,
    IReadOnlyDictionary<string, object?> Properties)
{
    /// <summary>The value of the named metric; throws when the document has none of that name.</summary>
    public double Value(string metricName) => Metrics.Single(metric => metric.Name == metricName).Value;
}
