using OrderPipeline.Tracing.Otlp;
using OrderPipeline.Tracing.Tests.Support;

namespace OrderPipeline.Tracing.Tests.Otlp;

/// <summary>
/// The OpenTelemetry environment variables as the specification defines them
/// (https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/,
/// https://opentelemetry.io/docs/specs/otel/protocol/exporter/), and the export each combination starts.
/// </summary>
public sealed class OtlpSettingsTests
{
    [Theory]
    [InlineData(null, TracesExporter.XRay)]
    [InlineData("", TracesExporter.XRay)]
    [InlineData("xray", TracesExporter.XRay)]
    [InlineData("otlp", TracesExporter.Otlp)]
    [InlineData(" OTLP ", TracesExporter.Otlp)]
    [InlineData("none", TracesExporter.None)]
    [InlineData("zipkin,otlp", TracesExporter.Otlp)]
    public void From_TracesExporter_ChoosesTheExport(string? value, TracesExporter expected)
    {
        var settings = Read(new() { ["OTEL_TRACES_EXPORTER"] = value }, out _);

        Assert.Equal(expected, settings.Exporter);
    }

    [Fact]
    public void From_UnknownExporter_IsReportedAndXRayIsKept()
    {
        var settings = Read(new() { ["OTEL_TRACES_EXPORTER"] = "jaeger" }, out var problems);

        Assert.Equal(TracesExporter.XRay, settings.Exporter);
        Assert.Contains("'jaeger'", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://collector:4318", null, "http://collector:4318/v1/traces")]
    [InlineData("http://collector:4318/", null, "http://collector:4318/v1/traces")]
    [InlineData("https://collector.example/otlp", null, "https://collector.example/otlp/v1/traces")]
    [InlineData("http://ignored:4318", "http://collector:4318/custom", "http://collector:4318/custom")]
    [InlineData(null, "http://collector:4318", "http://collector:4318/")]
    public void From_Endpoints_SignalEndpointIsUsedAsIsAndTheBaseGetsV1Traces(string? endpoint, string? tracesEndpoint, string expected)
    {
        var settings = Read(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint, ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = tracesEndpoint }, out var problems);

        Assert.Equal(new Uri(expected), settings.Endpoint);
        Assert.Empty(problems);
    }

    [Fact]
    public void From_NoEndpoint_LeavesItNullForTheDaemonsUdpEndpoint()
    {
        var settings = Read(new() { ["OTEL_TRACES_EXPORTER"] = "otlp" }, out _);

        Assert.Null(settings.Endpoint);
        Assert.Equal("http/protobuf", settings.Protocol);
        Assert.Equal(OtlpSettings.MaxExportTime, settings.Timeout);
    }

    [Theory]
    [InlineData(null, null, 500)]
    [InlineData("200", null, 200)]
    [InlineData("10000", null, 500)]
    [InlineData("200", "50", 50)]
    public void From_Timeout_IsMillisecondsCappedAtTheBound(string? timeout, string? tracesTimeout, int expectedMilliseconds)
    {
        var settings = Read(new() { ["OTEL_EXPORTER_OTLP_TIMEOUT"] = timeout, ["OTEL_EXPORTER_OTLP_TRACES_TIMEOUT"] = tracesTimeout }, out _);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), settings.Timeout);
    }

    [Theory]
    [InlineData("ten")]
    [InlineData("-5")]
    [InlineData("0")]
    public void From_TimeoutNotAPositiveNumber_IsReportedAndTheBoundUsed(string timeout)
    {
        var settings = Read(new() { ["OTEL_EXPORTER_OTLP_TIMEOUT"] = timeout }, out var problems);

        Assert.Equal(OtlpSettings.MaxExportTime, settings.Timeout);
        Assert.Contains("OTEL_EXPORTER_OTLP_TIMEOUT", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void From_ResourceAttributesAndHeaders_ArePercentDecodedAndTheSignalHeadersWin()
    {
        var settings = Read(new()
        {
            ["OTEL_RESOURCE_ATTRIBUTES"] = "deployment.environment.name=prod, team = orders%20%26%20payments ,broken,=nokey",
            ["OTEL_EXPORTER_OTLP_HEADERS"] = "Authorization=Basic%20abc,x-a=1",
            ["OTEL_EXPORTER_OTLP_TRACES_HEADERS"] = "authorization=Bearer%20xyz",
        }, out var problems);

        Assert.Equal(
            [new("deployment.environment.name", "prod"), new("team", "orders & payments")],
            settings.ResourceAttributes);
        Assert.Equal([new("x-a", "1"), new("authorization", "Bearer xyz")], settings.Headers);
        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public void From_EndpointNotAUrl_IsReported()
    {
        var settings = Read(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "collector:4318" }, out var problems);

        Assert.Null(settings.Endpoint);
        Assert.Contains("OTEL_EXPORTER_OTLP_ENDPOINT", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("http/json")]
    public void Start_OtlpWithAProtocolOtherThanHttpProtobuf_ReportsItAndExportsNothing(string protocol)
    {
        var problems = new List<string>();
        using var source = TestSources.Create();

        using var session = FunctionTracing.Start(
            Environment(new() { ["OTEL_TRACES_EXPORTER"] = "otlp", ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4318", ["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol }),
            [source.Name], [], FunctionTrigger.Http, reportProblem: problems.Add);

        Assert.Equal(TracesExporter.None, session.Exporter);
        Assert.Contains($"'{protocol}'", Assert.Single(problems), StringComparison.Ordinal);
        Assert.True(TraceHeader.TryParse(Headers.Documented, out var header));
        Assert.Null(source.StartActivity("Unheard", System.Diagnostics.ActivityKind.Internal, header.ToActivityContext()));
    }

    [Theory]
    [InlineData(null, null, TracesExporter.XRay)]
    [InlineData("otlp", null, TracesExporter.Otlp)]
    [InlineData("otlp", "http://127.0.0.1:4318", TracesExporter.Otlp)]
    [InlineData("otlp", "not a url", TracesExporter.None)]
    [InlineData("none", null, TracesExporter.None)]
    public void Start_Variables_StartTheExportTheyName(string? exporter, string? endpoint, TracesExporter expected)
    {
        using var session = FunctionTracing.Start(
            Environment(new() { ["OTEL_TRACES_EXPORTER"] = exporter, ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint }),
            [], [], FunctionTrigger.Http);

        Assert.Equal(expected, session.Exporter);
    }

    private static Func<string, string?> Environment(Dictionary<string, string?> variables) => variables.GetValueOrDefault;

    private static OtlpSettings Read(Dictionary<string, string?> variables, out List<string> problems)
    {
        problems = [];
        return OtlpSettings.From(variables.GetValueOrDefault, problems);
    }
}
