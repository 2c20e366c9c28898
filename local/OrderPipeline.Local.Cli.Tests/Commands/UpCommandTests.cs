using OrderPipeline.Local.Cli.Commands;

namespace OrderPipeline.Local.Cli.Tests.Commands;

/// <summary><c>up</c>'s options, parsed as the command line gives them.</summary>
public sealed class UpCommandTests
{
    // OTEL_EXPORTER_OTLP_ENDPOINT gets /v1/traces appended, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is used as it is:
    // https://opentelemetry.io/docs/specs/otel/protocol/exporter/
    [Theory]
    [InlineData("http://localhost:4319", "http://localhost:4319/v1/traces")]
    [InlineData("http://127.0.0.1:4319/v1/traces", "http://127.0.0.1:4319/v1/traces")]
    [InlineData("http://collector.internal:4318", "http://collector.internal:4318/v1/traces")]
    public void Parse_OtlpEndpoint_TheTracesUrl(string value, string expected)
    {
        var parse = UpCommand.Create().Parse(["--otlp-endpoint", value]);

        Assert.Empty(parse.Errors);
        Assert.Equal(expected, parse.GetValue<Uri?>("--otlp-endpoint")!.ToString());
    }

    [Fact]
    public void Parse_NoOtlpEndpoint_NothingForwarded()
    {
        var parse = UpCommand.Create().Parse([]);

        Assert.Empty(parse.Errors);
        Assert.Null(parse.GetValue<Uri?>("--otlp-endpoint"));
    }

    [Fact]
    public void Parse_OtlpEndpointNotAUrl_RefusedSayingWhy()
    {
        var parse = UpCommand.Create().Parse(["--otlp-endpoint", "localhost:4318"]);

        Assert.Equal(
            "--otlp-endpoint: 'localhost:4318' is not an http:// or https:// URL of an OTLP/HTTP endpoint (for example http://localhost:4318, or http://localhost:4318/v1/traces).",
            Assert.Single(parse.Errors).Message);
    }

    [Theory]
    [InlineData("http://localhost:4318")]
    [InlineData("http://127.0.0.1:4318/v1/traces")]
    public void Parse_OtlpEndpointIsTheStacksOwnReceiver_RefusedRatherThanForwardingInALoop(string value)
    {
        var refused = UpCommand.Create().Parse(["--otlp-endpoint", value]);
        var otherPort = UpCommand.Create().Parse(["--otlp-endpoint", value, "--otlp-port", "4320"]);

        Assert.StartsWith($"--otlp-endpoint {value.TrimEnd('/')}", Assert.Single(refused.Errors).Message);
        Assert.Contains("is the stack's own OTLP receiver (--otlp-port 4318)", refused.Errors[0].Message);
        Assert.Empty(otherPort.Errors);
    }
}
