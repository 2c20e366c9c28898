namespace OrderPipeline.Lambda.Metrics;

internal static class MetricUnitNames
{
    public static string ToEmf(MetricUnit unit) => unit switch
    {
        MetricUnit.Count => "Count",
        MetricUnit.Milliseconds => "Milliseconds",
        MetricUnit.Seconds => "Seconds",
        MetricUnit.Bytes => "Bytes",
        MetricUnit.Percent => "Percent",
        _ => "None",
    };
}
