using OrderPipeline.Lambda.Logging;
using OrderPipeline.Local.Sqs;
using OrderPipeline.TestHelpers.Events;
using OrderPipeline.TestHelpers.Functions;
using OrderPipeline.TestHelpers.Sqs;

namespace OrderPipeline.Producer.Tests.Executable;

// The built producer under each LogLevel the template allows, configured as Lambda configures it from the template,
// its output passed through Lambda's documented log-level filter (LambdaLogFilter): what CloudWatch Logs would get.
public sealed class ProducerLogLevelTests(ProducerBuild producer) : IClassFixture<ProducerBuild>, IAsyncLifetime
{
    private SqsEndpoint _sqs = null!;
    private string _queueUrl = null!;

    public static TheoryData<string> LogLevels => LogLevelRun.AllowedValues();

    public async Task InitializeAsync()
    {
        _sqs = await SqsEndpoint.StartAsync();
        _queueUrl = _sqs.CreateQueue("orders");
    }

    public async Task DisposeAsync() => await _sqs.DisposeAsync();

    [Theory]
    [MemberData(nameof(LogLevels))]
    public async Task Invoke_EachTemplateLogLevel_LinesAtOrAboveTheLevelReachCloudWatchAndNothingBelow(string logLevel)
    {
        // An accepted order and a rejected one log INFO; an order SQS refuses for now (503) logs WARN; an order to a
        // queue that does not exist (500) logs ERROR and writes the NonRetryableFailures metric document, which has no
        // level and must come through too (Written == Kept).
        var run = await LogLevelRun.RunAsync(producer.Build, logLevel, Environment(), async function =>
        {
            await function.InvokeAsync(SampleEvents.Read(SampleEvents.ApiPostOrder));
            await function.InvokeAsync(SampleEvents.Read(SampleEvents.ApiPostOrderInvalid));
            _sqs.FailAll(SqsError.InternalError());
            await function.InvokeAsync(SampleEvents.Read(SampleEvents.ApiPostOrder));
            _sqs.FailAll(SqsError.QueueDoesNotExist());
            await function.InvokeAsync(SampleEvents.Read(SampleEvents.ApiPostOrder));
        });

        Assert.InRange(run.LambdaLevel, LogLevel.Trace, LogLevel.Info);
        Assert.Equal(run.Written, run.Kept);
        Assert.All(run.Kept.Select(LogLevelRun.DeclaredLevel).OfType<LogLevel>(), level => Assert.True(level >= run.LogLevel));
        Assert.Equal(run.LogLevel <= LogLevel.Info ? 2 : 0, run.Kept.Count(line => LogLevelRun.DeclaredLevel(line) == LogLevel.Info));
        Assert.Equal(run.LogLevel <= LogLevel.Warn ? 1 : 0, run.Kept.Count(line => LogLevelRun.DeclaredLevel(line) == LogLevel.Warn));
        Assert.Equal(run.LogLevel <= LogLevel.Error ? 1 : 0, run.Kept.Count(line => LogLevelRun.DeclaredLevel(line) == LogLevel.Error));
        Assert.Single(run.Kept, line => line.Contains("\"NonRetryableFailures\"", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(LogLevels))]
    public async Task Start_EachTemplateLogLevelAndAnInitFailure_TheFatalLineReachesCloudWatch(string logLevel)
    {
        var environment = Environment();
        environment["ORDERS_QUEUE_URL"] = null;

        var run = await LogLevelRun.RunAsync(producer.Build, logLevel, environment, async function =>
        {
            await function.RuntimeApi.WaitForInitErrorAsync();
            await function.Process.WaitForExitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        });

        Assert.Contains(run.Kept, line => LogLevelRun.DeclaredLevel(line) == LogLevel.Fatal);
        Assert.Equal(run.Written, run.Kept);
    }

    private Dictionary<string, string?> Environment() => new()
    {
        ["ORDERS_QUEUE_URL"] = _queueUrl,
        ["AWS_ENDPOINT_URL_SQS"] = _sqs.ServiceUrl,
    };
}
