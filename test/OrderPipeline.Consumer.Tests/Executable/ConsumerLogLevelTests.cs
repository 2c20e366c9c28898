using OrderPipeline.Lambda.Logging;
using OrderPipeline.Local.DynamoDb;
using OrderPipeline.TestHelpers.DynamoDb;
using OrderPipeline.TestHelpers.Events;
using OrderPipeline.TestHelpers.Functions;
using OrderPipeline.TestHelpers.Lambda;

namespace OrderPipeline.Consumer.Tests.Executable;

// The built consumer under each LogLevel the template allows, configured as Lambda configures it from the template,
// its output passed through Lambda's documented log-level filter (LambdaLogFilter): what CloudWatch Logs would get.
[Collection(BuiltFunctions.Name)]
public sealed class ConsumerLogLevelTests(ConsumerBuild consumer) : IAsyncLifetime
{
    private const string Table = "OrdersTable";
    private DynamoDbEndpoint _dynamoDb = null!;

    public static TheoryData<string> LogLevels => LogLevelRun.AllowedValues();

    public async Task InitializeAsync()
    {
        _dynamoDb = await DynamoDbEndpoint.StartAsync();
        _dynamoDb.CreateTable(Table, "orderId");
    }

    public async Task DisposeAsync() => await _dynamoDb.DisposeAsync();

    [Theory]
    [MemberData(nameof(LogLevels))]
    public async Task Invoke_EachTemplateLogLevel_MetricsAndLinesAtOrAboveTheLevelReachCloudWatchAndNothingBelow(string logLevel)
    {
        // The sample batch stores two orders (an INFO line and a metric document each) and rejects a poison record
        // (WARN); the same batch with every write failing logs an ERROR line for each valid record.
        var run = await LogLevelRun.RunAsync(consumer.Build, logLevel, Environment(), async function =>
        {
            await function.InvokeAsync(SampleEvents.Read(SampleEvents.SqsOrders));
            _dynamoDb.Service.FailAll(DynamoDbError.InternalServerError());
            await function.InvokeAsync(SampleEvents.Read(SampleEvents.SqsOrders));
        });

        Assert.InRange(run.LambdaLevel, LogLevel.Trace, LogLevel.Info);
        Assert.Equal(run.Written, run.Kept);
        Assert.Equal(2, run.Kept.Count(LogLevelRun.IsMetricDocument));
        Assert.All(run.Kept.Select(LogLevelRun.DeclaredLevel).OfType<LogLevel>(), level => Assert.True(level >= run.LogLevel));
        Assert.Equal(run.LogLevel <= LogLevel.Info, run.Kept.Any(line => LogLevelRun.DeclaredLevel(line) == LogLevel.Info));
        Assert.Equal(run.LogLevel <= LogLevel.Warn, run.Kept.Any(line => LogLevelRun.DeclaredLevel(line) == LogLevel.Warn));
        Assert.Equal(run.LogLevel <= LogLevel.Error ? 2 : 0, run.Kept.Count(line => LogLevelRun.DeclaredLevel(line) == LogLevel.Error));
        // What the .NET runtime prints on an unhandled exception, or anything else not written by the logger, is INFO
        // to Lambda: kept at every level the template gives Lambda.
        Assert.True(LambdaLogFilter.Keeps("Unhandled exception. System.InvalidOperationException: boom", run.LambdaLevel));
    }

    [Theory]
    [MemberData(nameof(LogLevels))]
    public async Task Start_EachTemplateLogLevelAndAnInitFailure_TheFatalLineReachesCloudWatch(string logLevel)
    {
        var environment = Environment();
        environment["ORDERS_TABLE_NAME"] = null;

        var run = await LogLevelRun.RunAsync(consumer.Build, logLevel, environment, async function =>
        {
            await function.RuntimeApi.WaitForInitErrorAsync();
            await function.Process.WaitForExitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        });

        Assert.Contains(run.Kept, line => LogLevelRun.DeclaredLevel(line) == LogLevel.Fatal);
        Assert.Equal(run.Written, run.Kept);
    }

    private Dictionary<string, string?> Environment() => new()
    {
        ["ORDERS_TABLE_NAME"] = Table,
        ["AWS_ENDPOINT_URL_DYNAMODB"] = _dynamoDb.ServiceUrl,
    };
}
