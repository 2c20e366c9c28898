namespace OrderPipeline.Lambda.Metrics;

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
