namespace OrderPipeline.Producer.Tests;

public sealed class ProducerSettingsTests
{
    [Fact]
    public void From_QueueUrlSet_ReadsIt()
    {
        var settings = ProducerSettings.From(Environment(("ORDERS_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/orders")));

        Assert.Equal("https://sqs.eu-west-1.amazonaws.com/123456789012/orders", settings.QueueUrl.OriginalString);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void From_QueueUrlMissing_ThrowsNamingTheVariable(string? value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ProducerSettings.From(Environment(("ORDERS_QUEUE_URL", value))));

        Assert.StartsWith("ORDERS_QUEUE_URL is not set", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("orders")]
    [InlineData("ftp://example.com/orders")]
    [InlineData("/000000000000/orders")]
    public void From_QueueUrlNotAnHttpUrl_ThrowsNamingTheVariable(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ProducerSettings.From(Environment(("ORDERS_QUEUE_URL", value))));

        Assert.StartsWith("ORDERS_QUEUE_URL is not an absolute http(s) URL", error.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Environment(params (string Name, string? Value)[] variables) =>
        name => variables.FirstOrDefault(variable => variable.Name == name).Value;
}
