using OrderPipeline.Lambda;
using OrderPipeline.Lambda.Logging;

namespace OrderPipeline.Benchmarks.Support;

/// <summary>Metrics that go nowhere, for the same reason as <see cref="DiscardingLambdaLogger"/>.</summary>
internal sealed class DiscardingMetricsLogger : IMetricsLogger
{
    public void Emit(
        string metricNamespace,
        ReadOnlySpan<MetricDimension> dimensions,
        ReadOnlySpan<Metric> metrics,
        ReadOnlySpan<LogField> properties)
    {
    }
}
