namespace OrderPipeline.Consumer;

/// <summary>The consumer's configuration, read once at start-up.</summary>
/// <param name="MetricsNamespace">The CloudWatch namespace of its metrics, from <c>METRICS_NAMESPACE</c>.</param>
internal sealed record ConsumerSettings(string MetricsNamespace)
{
    internal const string MetricsNamespaceVariable = "METRICS_NAMESPACE";
    internal const string DefaultMetricsNamespace = "OrderPipeline";

    /// <summary>CloudWatch namespaces are 1–255 characters.</summary>
    private const int MaxNamespaceLength = 255;

    /// <summary>Reads the settings; throws naming the variable when one is malformed.</summary>
    public static ConsumerSettings From(Func<string, string?> getEnvironmentVariable)
    {
        var metricsNamespace = getEnvironmentVariable(MetricsNamespaceVariable);
        if (string.IsNullOrWhiteSpace(metricsNamespace))
        {
            return new ConsumerSettings(DefaultMetricsNamespace);
        }

        if (metricsNamespace.Length > MaxNamespaceLength || metricsNamespace.StartsWith("AWS/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"{MetricsNamespaceVariable} must be 1-{MaxNamespaceLength} characters and must not start with 'AWS/': '{metricsNamespace}'.");
        }

        return new ConsumerSettings(metricsNamespace);
    }
}
