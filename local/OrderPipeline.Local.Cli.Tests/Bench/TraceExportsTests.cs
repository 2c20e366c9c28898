using OrderPipeline.Local.Cli.Bench;

namespace OrderPipeline.Local.Cli.Tests.Bench;

public sealed class TraceExportsTests
{
    [Fact]
    public void TryParse_KnownNames_InTheOrderGiven()
    {
        Assert.True(TraceExports.TryParse("xray", out var one));
        Assert.Equal([TraceExport.XRay], one);
        Assert.True(TraceExports.TryParse("otlp-udp, xray", out var two));
        Assert.Equal([TraceExport.OtlpUdp, TraceExport.XRay], two);
    }

    [Theory]
    [InlineData("")]
    [InlineData("xray,xray")]
    [InlineData("zipkin")]
    public void TryParse_EmptyRepeatedOrUnknown_IsRefused(string text) =>
        Assert.False(TraceExports.TryParse(text, out _));

    [Fact]
    public void Environment_OtlpUdp_SelectsOtlpWithoutAnEndpointSoSpansGoToTheDaemon()
    {
        var template = new Dictionary<string, string>
        {
            ["QUEUE_URL"] = "http://q",
            ["OTEL_TRACES_EXPORTER"] = "xray",
            ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = "http://collector:4318/v1/traces",
        };

        var variables = TraceExports.Environment(template, TraceExport.OtlpUdp);

        Assert.Equal("otlp", variables["OTEL_TRACES_EXPORTER"]);
        Assert.False(variables.ContainsKey("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));
        Assert.Equal("http://q", variables["QUEUE_URL"]);
        Assert.Equal("xray", TraceExports.Environment(template, TraceExport.XRay)["OTEL_TRACES_EXPORTER"]);
    }
}
