using System.Diagnostics;
using System.Text.Json;
using OrderPipeline.Local.Cli.Commands;
using OrderPipeline.Local.Stack;
using OrderPipeline.TestHelpers.Events;
using OrderPipeline.TestHelpers.Functions;

namespace OrderPipeline.Local.Cli.Tests.Commands;

/// <summary><c>bench --quick</c> with JIT builds, as CI runs it: it must run to the end and write every figure.</summary>
[Collection(BuiltFunctions.Name)]
public sealed class BenchCommandTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Bench_QuickJitRun_WritesJsonWithEveryFigure()
    {
        var root = RepositoryRoot.Find();
        var json = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.json");
        var startInfo = new ProcessStartInfo("dotnet") { WorkingDirectory = root };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "OrderPipeline.Local.Cli.dll"), "bench", "--quick", "--modes", "jit",
            "--pipeline-mode", "jit", "--runs", "1", "--orders", "10", "--sqs-messages", "200", "--json", json,
            "--data-dir", Path.GetDirectoryName(FunctionBuildFixture.WorkDirectory(FunctionBuildMode.Jit))!,
            "--template", Path.Combine(root, "template.yaml"),
            "--api-event", Path.Combine(SampleEvents.Directory, SampleEvents.ApiPostOrder),
            "--sqs-event", Path.Combine(SampleEvents.Directory, SampleEvents.SqsOrders),
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        try
        {
            await using var bench = FunctionProcess.Start(startInfo);
            var exitCode = await bench.WaitForExitAsync(Limit, CancellationToken.None);

            Assert.True(exitCode == 0, $"exit code {exitCode}:\n{string.Join('\n', bench.StandardOutput)}\n{string.Join('\n', bench.StandardError)}");
            using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(json));
            var report = document.RootElement;
            Assert.Equal(JsonValueKind.Number, report.GetProperty("machine").GetProperty("cores").ValueKind);
            var coldStarts = report.GetProperty("coldStart").EnumerateArray().ToList();
            // Both functions, each with both trace exports (the default --exports xray,otlp-udp), in one interleaved run.
            Assert.Equal(
                ["ProducerFunction xray", "ProducerFunction otlp-udp", "ConsumerFunction xray", "ConsumerFunction otlp-udp"],
                coldStarts.Select(result => $"{result.GetProperty("function").GetString()} {result.GetProperty("export").GetString()}"));
            Assert.All(coldStarts, result =>
            {
                Assert.Equal(1, result.GetProperty("runs").GetInt32());
                Assert.Equal(JsonValueKind.Number, result.GetProperty("totalMs").GetProperty("median").ValueKind);
                Assert.Equal(JsonValueKind.Number, result.GetProperty("peakRssMiB").GetProperty("max").ValueKind);
            });
            var pipeline = report.GetProperty("pipeline");
            // Every accepted order is processed (a record that failed on a loaded machine comes back within the run: the
            // bench shortens the visibility timeout as demo and trial do); an order the producer refused under load (503)
            // is the client's to retry and not counted.
            Assert.True(
                pipeline.GetProperty("accepted").GetInt32() is > 0 and var accepted && pipeline.GetProperty("processed").GetInt32() == accepted,
                pipeline.ToString());
            Assert.Equal(JsonValueKind.Number, pipeline.GetProperty("processedPerSecond").ValueKind);
            // The bench measures the pipeline, not the stage's throttling: it raises the template's limits through its
            // parameters, as a team would for a load test, and says so.
            var overrides = pipeline.GetProperty("parameterOverrides");
            Assert.Equal(
                [("ApiThrottlingBurstLimit", "5000"), ("ApiThrottlingRateLimit", "10000")],
                overrides.EnumerateObject().Select(pair => (pair.Name, pair.Value.GetString())));
            Assert.Equal(JsonValueKind.Number, pipeline.GetProperty("latencyMs").GetProperty("p99").ValueKind);
            Assert.Contains(pipeline.GetProperty("cpuPerOrder").EnumerateArray(), share => share.GetProperty("method").GetString() == "process");
            var sqs = report.GetProperty("sqs");
            Assert.Equal(JsonValueKind.Number, sqs.GetProperty("endpointCpuMsPerSend").ValueKind);
            Assert.Equal(JsonValueKind.Number, sqs.GetProperty("clientSendsPerSecondEndpoint").ValueKind);
            // The cost as a client sees it: an AWSSDK.SQS client in a process of its own against the bench's endpoint,
            // each process' CPU per call over every round, and their ratio (not held to its goal here: timing is noise).
            var sdk = sqs.GetProperty("sdkClientProcess");
            var rounds = sdk.GetProperty("byRound").EnumerateArray().ToList();
            Assert.Equal(sdk.GetProperty("rounds").GetInt32(), rounds.Count);
            Assert.True(rounds.Count >= 3, sdk.ToString());
            Assert.All(rounds, round =>
            {
                Assert.InRange(round.GetProperty("stackCpuMsPerSend").GetDouble(), 1e-6, 100);
                Assert.InRange(round.GetProperty("clientCpuMsPerSend").GetDouble(), 1e-6, 100);
                Assert.True(round.GetProperty("sendsPerSecond").GetDouble() > 0, round.ToString());
            });
            var stack = sdk.GetProperty("stackCpuMsPerSend");
            var client = sdk.GetProperty("clientCpuMsPerSend");
            var ratio = sdk.GetProperty("stackToClient");
            Assert.Equal(rounds.Count, ratio.GetProperty("count").GetInt32());
            Assert.InRange(
                stack.GetProperty("median").GetDouble(),
                rounds.Min(round => round.GetProperty("stackCpuMsPerSend").GetDouble()),
                rounds.Max(round => round.GetProperty("stackCpuMsPerSend").GetDouble()));
            Assert.InRange(
                ratio.GetProperty("median").GetDouble(),
                rounds.Min(round => round.GetProperty("stackCpuMsPerSend").GetDouble() / round.GetProperty("clientCpuMsPerSend").GetDouble()),
                rounds.Max(round => round.GetProperty("stackCpuMsPerSend").GetDouble() / round.GetProperty("clientCpuMsPerSend").GetDouble()));
            Assert.True(client.GetProperty("min").GetDouble() > 0, client.ToString());
            Assert.Equal(0.35, sdk.GetProperty("goalStackToClient").GetDouble());
        }
        finally
        {
            File.Delete(json);
        }
    }

    [Theory]
    [InlineData("aot,r2r,jit", new[] { FunctionBuildMode.Aot, FunctionBuildMode.ReadyToRun, FunctionBuildMode.Jit })]
    [InlineData(" JIT ", new[] { FunctionBuildMode.Jit })]
    public void TryParseModes_KnownNames_ReturnsThemInOrder(string text, FunctionBuildMode[] expected)
    {
        Assert.True(BenchCommand.TryParseModes(text, out var modes));

        Assert.Equal(expected, modes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("aot,aot")]
    [InlineData("auto")]
    public void TryParseModes_EmptyRepeatedOrUnknown_ReturnsFalse(string text)
    {
        Assert.False(BenchCommand.TryParseModes(text, out _));
    }
}
