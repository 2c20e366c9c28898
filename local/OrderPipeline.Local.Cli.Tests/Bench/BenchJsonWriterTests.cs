using System.Text.Json;
using OrderPipeline.Local.Cli.Bench;
using OrderPipeline.Local.Cli.Bench.Pipeline;
using OrderPipeline.Local.Cli.Bench.Sqs;
using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.Cli.Tests.Bench;

public sealed class BenchJsonWriterTests
{
    private static readonly BenchOptions Options = new(
        "/repo/template.yaml", "/repo/.orderpipeline", "/repo/events/a.json", "/repo/events/s.json", BenchParts.All,
        [FunctionBuildMode.Aot, FunctionBuildMode.Jit], 10, FunctionBuildMode.Aot, 1000, 8, 10000, 32);

    [Fact]
    public void Write_EveryPart_WritesMachineOptionsAndEveryFigure()
    {
        var samples = new[] { new ColdStartSample(TimeSpan.FromMilliseconds(30), TimeSpan.FromMilliseconds(20), 16L << 20, TimeSpan.FromMilliseconds(10)) };
        var report = new BenchReport(
            new MachineInfo(2, "AMD EPYC", "Debian", ".NET 10.0.0", "abc"),
            Options,
            DateTimeOffset.UnixEpoch,
            [ColdStartResult.From("ProducerFunction", FunctionBuildMode.Aot, samples), ColdStartResult.From("ProducerFunction", FunctionBuildMode.Aot, samples, TraceExport.OtlpUdp)],
            new PipelineResult(
                FunctionBuildMode.Aot, 1000, 8, 1000, 1000, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4),
                SampleSummary.Of([10, 20]), [new CpuShare("ProducerFunction", 1.5, CpuShare.Process), new CpuShare("driver", 0.5, CpuShare.ThreadAttribution, PartOfStack: false)]),
            new SqsResult(10000, 32, 0.1, 5000, 0.4, 2300,
                [new SdkClientRound(0.05, 0.2, 3000), new SdkClientRound(0.04, 0.16, 3500), new SdkClientRound(0.06, 0.12, 2200)]));

        using var json = JsonDocument.Parse(BenchJsonWriter.Write(report));
        var root = json.RootElement;

        Assert.Equal(BenchJsonWriter.Schema, root.GetProperty("schema").GetString());
        Assert.Equal(2, root.GetProperty("machine").GetProperty("cores").GetInt32());
        Assert.Equal("abc", root.GetProperty("machine").GetProperty("commit").GetString());
        Assert.Equal(["aot", "jit"], root.GetProperty("options").GetProperty("modes").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(["coldStart", "pipeline", "sqs"], root.GetProperty("options").GetProperty("parts").EnumerateArray().Select(m => m.GetString()));
        var coldStart = root.GetProperty("coldStart")[0];
        Assert.Equal(("ProducerFunction", "aot"), (coldStart.GetProperty("function").GetString(), coldStart.GetProperty("mode").GetString()));
        Assert.Equal(30, coldStart.GetProperty("totalMs").GetProperty("median").GetDouble());
        Assert.Equal(["xray", "otlp-udp"], root.GetProperty("coldStart").EnumerateArray().Select(r => r.GetProperty("export").GetString()));
        Assert.Equal(["xray"], root.GetProperty("options").GetProperty("exports").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(20, coldStart.GetProperty("initMs").GetProperty("p90").GetDouble());
        Assert.Equal(16, coldStart.GetProperty("peakRssMiB").GetProperty("max").GetDouble());
        Assert.Equal(16L << 20, coldStart.GetProperty("samples")[0].GetProperty("peakRssBytes").GetInt64());
        var pipeline = root.GetProperty("pipeline");
        Assert.Equal(500, pipeline.GetProperty("acceptedPerSecond").GetDouble());
        Assert.Equal(250, pipeline.GetProperty("processedPerSecond").GetDouble());
        Assert.Equal(20, pipeline.GetProperty("latencyMs").GetProperty("p99").GetDouble());
        Assert.Equal(1.5, pipeline.GetProperty("stackCpuPerOrderMs").GetDouble());
        Assert.False(pipeline.GetProperty("cpuPerOrder")[1].GetProperty("partOfStack").GetBoolean());
        var sqs = root.GetProperty("sqs");
        Assert.Equal(0.25, sqs.GetProperty("endpointToClient").GetDouble(), 9);
        Assert.Equal(2300, sqs.GetProperty("clientSendsPerSecondStandIn").GetDouble());
        Assert.Equal(3000, sqs.GetProperty("clientSendsPerSecondEndpoint").GetDouble());
        var sdk = sqs.GetProperty("sdkClientProcess");
        Assert.Equal(3, sdk.GetProperty("rounds").GetInt32());
        Assert.Equal(0.05, sdk.GetProperty("stackCpuMsPerSend").GetProperty("median").GetDouble());
        Assert.Equal(0.16, sdk.GetProperty("clientCpuMsPerSend").GetProperty("median").GetDouble());
        Assert.Equal(0.25, sdk.GetProperty("stackToClient").GetProperty("min").GetDouble(), 9);
        Assert.Equal(0.5, sdk.GetProperty("stackToClient").GetProperty("max").GetDouble(), 9);
        Assert.Equal(0.35, sdk.GetProperty("goalStackToClient").GetDouble());
        Assert.Equal(0.06, sdk.GetProperty("byRound")[2].GetProperty("stackCpuMsPerSend").GetDouble());
    }

    [Fact]
    public void Write_PartsThatDidNotRun_WritesThemAsNull()
    {
        var report = new BenchReport(
            new MachineInfo(2, "cpu", "os", ".NET", null), Options with { Parts = BenchParts.Sqs }, DateTimeOffset.UnixEpoch,
            null, null, new SqsResult(1, 1, 0.1, 1, 0.4, 1, [new SdkClientRound(0.1, 0.4, 1)]));

        using var json = JsonDocument.Parse(BenchJsonWriter.Write(report));
        var root = json.RootElement;

        Assert.Equal(JsonValueKind.Null, root.GetProperty("coldStart").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("pipeline").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("machine").GetProperty("commit").ValueKind);
        Assert.Equal(["sqs"], root.GetProperty("options").GetProperty("parts").EnumerateArray().Select(m => m.GetString()));
    }
}
