namespace OrderPipeline.Lambda.Metrics;

/// <summary>One value of a CloudWatch metric.</summary>
/// <param name="Name">The metric name: 1–255 characters.</param>
/// <param name="Value">The value; CloudWatch rejects NaN and infinities, so they are never written.</param>
/// <param name="Unit">The CloudWatch unit.</param>
public readonly record struct Metric(string Name, double Value, MetricUnit Unit = MetricUnit.None);
