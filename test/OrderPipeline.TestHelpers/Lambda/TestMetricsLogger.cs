using OrderPipeline.Lambda;
using OrderPipeline.Lambda.Logging;

namespace OrderPipeline.TestHelpers.Lambda;

/// <summary>An <see cref="IMetricsLogger"/> that keeps every document as a <see cref="TestMetricsEntry"/>. Thread-safe.</summary>
public sealed class TestMetricsLogger : IMetricsLogger
{
    private readonly Lock _lock = new();
    private readonly List<TestMetricsEntry> _entries = [];

    /// <summary>A snapshot of the documents so far, oldest first.</summary>
    public IReadOnlyList<TestMetricsEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    public void Emit(
        string metricNamespace,
        ReadOnlySpan<MetricDimension> dimensions,
        ReadOnlySpan<Metric> metrics,
        ReadOnlySpan<LogField> properties)
    {
        var entry = new TestMetricsEntry(
            metricNamespace, dimensions.ToArray(), metrics.ToArray(), TestLambdaLogger.ToDictionary(properties));
        lock (_lock)
        {
            _entries.Add(entry);
        }
    }
}
