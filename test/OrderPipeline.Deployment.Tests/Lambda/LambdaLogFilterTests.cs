using OrderPipeline.Lambda.Logging;
using OrderPipeline.TestHelpers.Lambda;

namespace OrderPipeline.Deployment.Tests.Lambda;

// The model of Lambda's log-level filter the function tests apply, checked against the rules of
// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html.
public sealed class LambdaLogFilterTests
{
    private const string Timestamp = "2026-11-26T05:13:57.123Z";

    [Theory]
    [InlineData("""{"timestamp":"2026-11-26T05:13:57.123Z","level":"TRACE","message":"m"}""", LogLevel.Trace)]
    [InlineData("""{"timestamp":"2026-11-26T05:13:57.123Z","level":"debug","message":"m"}""", LogLevel.Debug)]
    [InlineData("""{"timestamp":"2026-11-26T05:13:57Z","level":"Warn"}""", LogLevel.Warn)]
    [InlineData("""{"level":"ERROR","timestamp":"2024-11-02T16:51:31.587199+01:00"}""", LogLevel.Error)]
    [InlineData("""{"timestamp":"2026-11-26T05:13:57.123Z","level":"FATAL"}""", LogLevel.Fatal)]
    public void LevelOf_LevelAndRfc3339Timestamp_IsThatLevel(string line, LogLevel expected) =>
        Assert.Equal(expected, LambdaLogFilter.LevelOf(line));

    [Theory]
    [InlineData("""{"_aws":{"Timestamp":1764134037123,"CloudWatchMetrics":[]},"OrdersProcessed":1}""")]
    [InlineData("""{"timestamp":"2026-11-26T05:13:57.123Z","level":"CRITICAL"}""")]
    [InlineData("""{"timestamp":"2026-11-26T05:13:57.123Z","level":3}""")]
    [InlineData("""{"level":"ERROR","message":"no timestamp"}""")]
    [InlineData("""{"timestamp":"26/11/2026 05:13","level":"ERROR"}""")]
    [InlineData("""{"timestamp":1764134037123,"level":"ERROR"}""")]
    [InlineData("Unhandled exception. System.InvalidOperationException: boom")]
    [InlineData("   at Program.<Main>$(String[] args)")]
    [InlineData("""["ERROR"]""")]
    [InlineData("")]
    public void LevelOf_MissingOrInvalidLevelOrTimestampOrNotJson_IsInfo(string line) =>
        Assert.Equal(LogLevel.Info, LambdaLogFilter.LevelOf(line));

    [Fact]
    public void Apply_WarnLevel_KeepsWarnAndAboveAndDropsInfoMetricsAndCrashOutput()
    {
        string[] lines =
        [
            $$"""{"timestamp":"{{Timestamp}}","level":"DEBUG","message":"d"}""",
            $$"""{"timestamp":"{{Timestamp}}","level":"INFO","message":"i"}""",
            """{"_aws":{"Timestamp":1764134037123,"CloudWatchMetrics":[]},"OrdersProcessed":1}""",
            "Unhandled exception. System.InvalidOperationException: boom",
            $$"""{"timestamp":"{{Timestamp}}","level":"WARN","message":"w"}""",
            $$"""{"timestamp":"{{Timestamp}}","level":"ERROR","message":"e"}""",
        ];

        Assert.Equal(lines[4..], LambdaLogFilter.Apply(lines, LogLevel.Warn));
        Assert.Equal(lines[1..], LambdaLogFilter.Apply(lines, LogLevel.Info));
    }

    [Theory]
    [InlineData("INFO", LogLevel.Info)]
    [InlineData("fatal", LogLevel.Fatal)]
    public void ParseLevel_LambdaLevelName_ReadsIt(string name, LogLevel expected) =>
        Assert.Equal(expected, LambdaLogFilter.ParseLevel(name));

    [Fact]
    public void ParseLevel_UnknownName_Throws() => Assert.Throws<ArgumentException>(() => LambdaLogFilter.ParseLevel("CRITICAL"));
}
