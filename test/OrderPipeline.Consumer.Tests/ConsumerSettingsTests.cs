namespace OrderPipeline.Consumer.Tests;

public sealed class ConsumerSettingsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void From_NamespaceUnset_UsesTheDefault(string? value) =>
        Assert.Equal("OrderPipeline", ConsumerSettings.From(_ => value).MetricsNamespace);

    [Fact]
    public void From_NamespaceSet_ReadsIt() =>
        Assert.Equal("Shop/Orders", ConsumerSettings.From(name => name == "METRICS_NAMESPACE" ? "Shop/Orders" : null).MetricsNamespace);

    [Theory]
    [InlineData("AWS/Lambda")]
    [InlineData("x256")]
    public void From_NamespaceInvalid_ThrowsNamingTheVariable(string value)
    {
        var metricsNamespace = value == "x256" ? new string('x', 256) : value;

        var error = Assert.Throws<InvalidOperationException>(() => ConsumerSettings.From(_ => metricsNamespace));

        Assert.StartsWith("METRICS_NAMESPACE must be", error.Message, StringComparison.Ordinal);
    }
}
