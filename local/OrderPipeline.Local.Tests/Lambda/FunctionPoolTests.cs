using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using OrderPipeline.Local.Lambda;
using OrderPipeline.TestHelpers.DynamoDb;
using OrderPipeline.TestHelpers.Events;
using OrderPipeline.TestHelpers.Functions;

namespace OrderPipeline.Local.Tests.Lambda;

// The consumer's real executable (built once by its Makefile target) runs under the pool; timeouts and crashes use
// tiny shell-script runtimes instead.
[Collection(BuiltFunctions.Name)]
public sealed class FunctionPoolTests(ConsumerBuild consumer) : IAsyncLifetime
{
    private const string PoisonMessageId = "c3e9f1a7-2b84-4d6c-9e0f-5a7b3c1d8e24";
    private static readonly LambdaServiceSettings Settings = new("eu-west-1", new Dictionary<string, string>());
    private static readonly byte[] EmptyEvent = "{}"u8.ToArray();

    private readonly ConcurrentQueue<FunctionLogLine> _logs = new();
    private DynamoDbEndpoint _dynamoDb = null!;

    public async Task InitializeAsync()
    {
        _dynamoDb = await DynamoDbEndpoint.StartAsync();
        _dynamoDb.CreateTable("OrdersTable", "orderId");
    }

    public async Task DisposeAsync() => await _dynamoDb.DisposeAsync();

    [Fact]
    public async Task InvokeAsync_SampleSqsBatch_ReturnsPartialBatchResponseNamingThePoisonRecord()
    {
        await using var pool = ConsumerPool("OrderPipeline");

        var result = await pool.InvokeAsync(SqsOrders(), traceHeader: null, CancellationToken.None);

        Assert.Null(result.Error);
        Assert.Equal(
            $$"""{"batchItemFailures":[{"itemIdentifier":"{{PoisonMessageId}}"}]}""",
            Encoding.UTF8.GetString(result.Response!.Value.Span));
        Assert.Contains(_logs, line => line.FunctionName == "ConsumerFunction" && line.InstanceId == result.InstanceId);
    }

    [Fact]
    public async Task InvokeAsync_SecondCallOnWarmInstance_ReportsInitDurationOnlyOnTheColdStart()
    {
        await using var pool = ConsumerPool("OrderPipeline");

        var cold = await pool.InvokeAsync(SqsOrders(), null, CancellationToken.None);
        var warm = await pool.InvokeAsync(SqsOrders(), null, CancellationToken.None);

        Assert.NotNull(cold.InitDuration);
        Assert.Null(warm.InitDuration);
        Assert.Equal(cold.InstanceId, warm.InstanceId);
        Assert.NotEqual(cold.RequestId, warm.RequestId);
    }

    [Fact]
    public async Task InvokeAsync_TwoAtOnceWithMaxConcurrencyTwo_RunsOnTwoInstances()
    {
        await using var pool = ConsumerPool("OrderPipeline");

        var results = await Task.WhenAll(
            pool.InvokeAsync(SqsOrders(), null, CancellationToken.None),
            pool.InvokeAsync(SqsOrders(), null, CancellationToken.None));

        Assert.All(results, result => Assert.True(result.Succeeded));
        Assert.Equal([1, 2], results.Select(result => result.InstanceId).Order());
        Assert.All(results, result => Assert.NotNull(result.InitDuration));
    }

    [Fact]
    public async Task InvokeAsync_InitFails_ReturnsTheInitErrorTheRuntimePosted()
    {
        await using var pool = ConsumerPool("AWS/x");

        var result = await pool.InvokeAsync(SqsOrders(), null, CancellationToken.None);

        Assert.NotNull(result.Error);
        Assert.StartsWith("METRICS_NAMESPACE", result.Error.ErrorMessage, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(result.Error.Body);
        Assert.Equal(result.Error.ErrorType, body.RootElement.GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task InvokeAsync_RuntimeNeverAnswers_TimesOutAndTheNextCallStartsAFreshInstance()
    {
        await using var pool = ShellPool("sleep 60", TimeSpan.FromSeconds(1));

        var first = await pool.InvokeAsync(EmptyEvent, null, CancellationToken.None);
        var second = await pool.InvokeAsync(EmptyEvent, null, CancellationToken.None);

        Assert.Equal("Sandbox.Timedout", first.Error?.ErrorType);
        Assert.Equal("Task timed out after 1.00 seconds", first.Error?.ErrorMessage);
        Assert.Equal(
            """{"errorType":"Sandbox.Timedout","errorMessage":"Task timed out after 1.00 seconds"}""",
            Encoding.UTF8.GetString(first.Error!.Body.Span));
        Assert.Equal(1, first.InstanceId);
        Assert.Equal(2, second.InstanceId);
    }

    [Fact]
    public async Task InvokeAsync_ProcessExits_ReportsExitErrorAndForwardsItsOutput()
    {
        await using var pool = ShellPool("echo to-stdout; echo to-stderr >&2; exit 3", TimeSpan.FromSeconds(30));

        var result = await pool.InvokeAsync(EmptyEvent, null, CancellationToken.None);

        Assert.Equal("Runtime.ExitError", result.Error?.ErrorType);
        Assert.Equal("Runtime exited with error: exit status 3", result.Error?.ErrorMessage);
        Assert.Contains(new FunctionLogLine("ShellFunction", 1, FunctionOutput.StandardOutput, "to-stdout"), _logs);
        Assert.Contains(new FunctionLogLine("ShellFunction", 1, FunctionOutput.StandardError, "to-stderr"), _logs);
    }

    [Fact]
    public async Task InvokeAsync_ExecutableMissing_ReturnsInvalidEntrypoint()
    {
        var function = Shell("exit 0", TimeSpan.FromSeconds(30)) with { ExecutablePath = "/nonexistent/bootstrap" };
        await using var pool = new FunctionPool(function, Settings, _logs.Enqueue);

        var result = await pool.InvokeAsync(EmptyEvent, null, CancellationToken.None);

        Assert.Equal("Runtime.InvalidEntrypoint", result.Error?.ErrorType);
    }

    [Fact]
    public async Task TryKillBusyInstance_RuntimeHoldsAnInvocation_KillsItWithExitErrorAndTheNextCallStartsAFreshInstance()
    {
        // The runtime takes the event and never answers, so it holds the invocation until it is killed.
        await using var pool = ShellPool(
            "curl -s \"http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/invocation/next\" > /dev/null; sleep 60; exit 0",
            TimeSpan.FromMinutes(5));
        var first = pool.InvokeAsync(EmptyEvent, null, CancellationToken.None);
        var firstKilled = await KillWhenBusyAsync(pool);
        var firstResult = await first;
        var second = pool.InvokeAsync(EmptyEvent, null, CancellationToken.None);
        var secondKilled = await KillWhenBusyAsync(pool);
        var secondResult = await second;

        Assert.Equal((1, 1, "Runtime.ExitError"), (firstKilled, firstResult.InstanceId, firstResult.Error?.ErrorType));
        Assert.Equal((2, 2, "Runtime.ExitError"), (secondKilled, secondResult.InstanceId, secondResult.Error?.ErrorType));
    }

    [Fact]
    public async Task TryKillBusyInstance_InstanceIdle_KillsNothing()
    {
        await using var pool = ConsumerPool("OrderPipeline");
        var result = await pool.InvokeAsync(SqsOrders(), null, CancellationToken.None);

        var killed = pool.TryKillBusyInstance();
        var again = await pool.InvokeAsync(SqsOrders(), null, CancellationToken.None);

        Assert.Null(killed);
        Assert.True(again.Succeeded);
        Assert.Equal(result.InstanceId, again.InstanceId);
    }

    [Fact]
    public async Task DisposeAsync_InvocationRunning_EndsIt()
    {
        var pool = ShellPool("sleep 60", TimeSpan.FromMinutes(5));
        var running = pool.InvokeAsync(EmptyEvent, null, CancellationToken.None);

        await pool.DisposeAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    /// <summary>Tries until the runtime has taken the invocation (a minute at most, as a guard, not a timing check).</summary>
    private static async Task<int> KillWhenBusyAsync(FunctionPool pool)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            if (pool.TryKillBusyInstance() is { } killed)
            {
                return killed;
            }

            await Task.Delay(10, guard.Token);
        }
    }

    private FunctionPool ConsumerPool(string metricsNamespace) => new(
        new LocalFunction(
            "ConsumerFunction",
            consumer.Build.BootstrapPath,
            [],
            consumer.Build.ArtifactsDirectory,
            new Dictionary<string, string>
            {
                ["METRICS_NAMESPACE"] = metricsNamespace,
                ["ORDERS_TABLE_NAME"] = "OrdersTable",
                ["AWS_ENDPOINT_URL_DYNAMODB"] = _dynamoDb.ServiceUrl,
            },
            TimeSpan.FromSeconds(60),
            256,
            MaxConcurrency: 2),
        Settings,
        _logs.Enqueue);

    private FunctionPool ShellPool(string script, TimeSpan timeout) => new(Shell(script, timeout), Settings, _logs.Enqueue);

    private static LocalFunction Shell(string script, TimeSpan timeout) => new(
        "ShellFunction", "/bin/sh", ["-c", script], Path.GetTempPath(), new Dictionary<string, string>(), timeout, 128, 1);

    private static byte[] SqsOrders() => Encoding.UTF8.GetBytes(SampleEvents.Read(SampleEvents.SqsOrders));
}
