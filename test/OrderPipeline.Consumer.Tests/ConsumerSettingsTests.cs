namespace OrderPipeline.Consumer.Tests;

public sealed class ConsumerSettingsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void From_NamespaceUnset_UsesTheDefault(string? value) =>
        Assert.Equal("OrderPipeline", ConsumerSettings.From(Environment(metricsNamespace: value)).MetricsNamespace);

    [Fact]
    public void From_NamespaceSet_ReadsIt() =>
        Assert.Equal("Shop/Orders", ConsumerSettings.From(Environment(metricsNamespace: "Shop/Orders")).MetricsNamespace);

    [Theory]
    [InlineData("AWS/Lambda")]
    [InlineData("x256")]
    public void From_NamespaceInvalid_ThrowsNamingTheVariable(string value)
    {
        var metricsNamespace = value == "x256" ? new string('x', 256) : value;

        var error = Assert.Throws<InvalidOperationException>(() => ConsumerSettings.From(Environment(metricsNamespace: metricsNamespace)));

        Assert.StartsWith("METRICS_NAMESPACE must be", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OrdersTable")]
    [InlineData("orderpipeline-OrdersTable-1A2B3C4D5E6F7")]
    [InlineData("a.b_c-d")]
    public void From_TableNameSet_ReadsIt(string tableName) =>
        Assert.Equal(tableName, ConsumerSettings.From(Environment(tableName: tableName)).OrdersTableName);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void From_TableNameUnset_ThrowsNamingTheVariable(string? tableName)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ConsumerSettings.From(Environment(tableName: tableName)));

        Assert.StartsWith("ORDERS_TABLE_NAME is not set", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("orders table")]
    [InlineData("orders/table")]
    [InlineData("tâble")]
    [InlineData("x256")]
    public void From_TableNameInvalid_ThrowsNamingTheVariable(string value)
    {
        var tableName = value == "x256" ? new string('x', 256) : value;

        var error = Assert.Throws<InvalidOperationException>(() => ConsumerSettings.From(Environment(tableName: tableName)));

        Assert.StartsWith("ORDERS_TABLE_NAME must be", error.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Environment(string? metricsNamespace = null, string? tableName = "OrdersTable") =>
        name => name switch
        {
            "METRICS_NAMESPACE" => metricsNamespace,
            "ORDERS_TABLE_NAME" => tableName,
            _ => null,
        };
}
