namespace OrderPipeline.Producer.Tests;

public sealed class ProducerSettingsTests
{
    private const string QueueUrl = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders";

    [Fact]
    public void From_RequiredVariablesSet_ReadsThemWithTheDefaults()
    {
        var settings = ProducerSettings.From(Environment(("ORDERS_QUEUE_URL", QueueUrl), ("IDEMPOTENCY_TABLE_NAME", "stack-IdempotencyTable-1X2Y")));

        Assert.Equal(QueueUrl, settings.QueueUrl.OriginalString);
        Assert.Equal("stack-IdempotencyTable-1X2Y", settings.IdempotencyTableName);
        Assert.Equal(TimeSpan.FromHours(24), settings.IdempotencyKeyLifetime);
        Assert.Equal("OrderPipeline", settings.MetricsNamespace);
    }

    [Fact]
    public void From_OptionalVariablesSet_ReadsThem()
    {
        var settings = ProducerSettings.From(Environment(
            ("ORDERS_QUEUE_URL", QueueUrl), ("IDEMPOTENCY_TABLE_NAME", "keys"), ("IDEMPOTENCY_KEY_HOURS", "72"), ("METRICS_NAMESPACE", "Shop")));

        Assert.Equal(TimeSpan.FromHours(72), settings.IdempotencyKeyLifetime);
        Assert.Equal("Shop", settings.MetricsNamespace);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void From_QueueUrlMissing_ThrowsNamingTheVariable(string? value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ProducerSettings.From(Environment(("ORDERS_QUEUE_URL", value), ("IDEMPOTENCY_TABLE_NAME", "keys"))));

        Assert.StartsWith("ORDERS_QUEUE_URL is not set", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("orders")]
    [InlineData("ftp://example.com/orders")]
    [InlineData("/000000000000/orders")]
    public void From_QueueUrlNotAnHttpUrl_ThrowsNamingTheVariable(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ProducerSettings.From(Environment(("ORDERS_QUEUE_URL", value), ("IDEMPOTENCY_TABLE_NAME", "keys"))));

        Assert.StartsWith("ORDERS_QUEUE_URL is not an absolute http(s) URL", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "IDEMPOTENCY_TABLE_NAME is not set")]
    [InlineData("ab", "IDEMPOTENCY_TABLE_NAME must be")]
    [InlineData("no spaces", "IDEMPOTENCY_TABLE_NAME must be")]
    public void From_IdempotencyTableMissingOrMalformed_ThrowsNamingTheVariable(string? value, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ProducerSettings.From(Environment(("ORDERS_QUEUE_URL", QueueUrl), ("IDEMPOTENCY_TABLE_NAME", value))));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("721")]
    [InlineData("24h")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public void From_KeyHoursOutOfRange_ThrowsNamingTheVariable(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ProducerSettings.From(Environment(
            ("ORDERS_QUEUE_URL", QueueUrl), ("IDEMPOTENCY_TABLE_NAME", "keys"), ("IDEMPOTENCY_KEY_HOURS", value))));

        Assert.StartsWith("IDEMPOTENCY_KEY_HOURS must be", error.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Environment(params (string Name, string? Value)[] variables) =>
        name => variables.FirstOrDefault(variable => variable.Name == name).Value;
}
