using OrderPipeline.Lambda;

namespace OrderPipeline.Consumer;

/// <summary>The consumer's configuration, read once at start-up.</summary>
/// <param name="MetricsNamespace">The CloudWatch namespace of its metrics, from <c>METRICS_NAMESPACE</c>.</param>
/// <param name="OrdersTableName">The DynamoDB table that holds processed orders, from <c>ORDERS_TABLE_NAME</c>.</param>
internal sealed record ConsumerSettings(string MetricsNamespace, string OrdersTableName)
{
    internal const string MetricsNamespaceVariable = "METRICS_NAMESPACE";
    internal const string OrdersTableNameVariable = "ORDERS_TABLE_NAME";
    internal const string DefaultMetricsNamespace = "OrderPipeline";

    /// <summary>Reads the settings; throws naming the variable when one is missing or malformed.</summary>
    public static ConsumerSettings From(Func<string, string?> getEnvironmentVariable) => new(
        EnvironmentSettings.MetricsNamespace(getEnvironmentVariable, MetricsNamespaceVariable, DefaultMetricsNamespace),
        EnvironmentSettings.DynamoDbTableName(getEnvironmentVariable, OrdersTableNameVariable, "orders"));
}
