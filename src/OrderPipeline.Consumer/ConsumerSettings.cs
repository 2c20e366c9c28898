namespace OrderPipeline.Consumer;

/// <summary>The consumer's configuration, read once at start-up.</summary>
/// <param name="MetricsNamespace">The CloudWatch namespace of its metrics, from <c>METRICS_NAMESPACE</c>.</param>
/// <param name="OrdersTableName">The DynamoDB table that holds processed orders, from <c>ORDERS_TABLE_NAME</c>.</param>
internal sealed record ConsumerSettings(string MetricsNamespace, string OrdersTableName)
{
    internal const string MetricsNamespaceVariable = "METRICS_NAMESPACE";
    internal const string OrdersTableNameVariable = "ORDERS_TABLE_NAME";
    internal const string DefaultMetricsNamespace = "OrderPipeline";

    /// <summary>CloudWatch namespaces are 1–255 characters.</summary>
    private const int MaxNamespaceLength = 255;

    /// <summary>DynamoDB table names are 3–255 characters from a-z, A-Z, 0-9, '_', '-' and '.'.</summary>
    private const int MinTableNameLength = 3;
    private const int MaxTableNameLength = 255;

    /// <summary>Reads the settings; throws naming the variable when one is missing or malformed.</summary>
    public static ConsumerSettings From(Func<string, string?> getEnvironmentVariable) =>
        new(ReadMetricsNamespace(getEnvironmentVariable), ReadOrdersTableName(getEnvironmentVariable));

    private static string ReadMetricsNamespace(Func<string, string?> getEnvironmentVariable)
    {
        var metricsNamespace = getEnvironmentVariable(MetricsNamespaceVariable);
        if (string.IsNullOrWhiteSpace(metricsNamespace))
        {
            return DefaultMetricsNamespace;
        }

        if (metricsNamespace.Length > MaxNamespaceLength || metricsNamespace.StartsWith("AWS/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"{MetricsNamespaceVariable} must be 1-{MaxNamespaceLength} characters and must not start with 'AWS/': '{metricsNamespace}'.");
        }

        return metricsNamespace;
    }

    private static string ReadOrdersTableName(Func<string, string?> getEnvironmentVariable)
    {
        var tableName = getEnvironmentVariable(OrdersTableNameVariable);
        if (string.IsNullOrWhiteSpace(tableName))
        {
            throw new InvalidOperationException(
                $"{OrdersTableNameVariable} is not set: it must hold the name of the orders table.");
        }

        if (tableName.Length is < MinTableNameLength or > MaxTableNameLength || !tableName.All(IsTableNameCharacter))
        {
            throw new InvalidOperationException(
                $"{OrdersTableNameVariable} must be {MinTableNameLength}-{MaxTableNameLength} characters of a-z, A-Z, 0-9, '_', '-' and '.': '{tableName}'.");
        }

        return tableName;
    }

    private static bool IsTableNameCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.';
}
