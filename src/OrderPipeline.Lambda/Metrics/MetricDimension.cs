namespace OrderPipeline.Lambda.Metrics;

/// <summary>A dimension of a metric: CloudWatch aggregates the metric per distinct <paramref name="Value"/>.</summary>
public readonly record struct MetricDimension(string Name, string Value);
