using OrderPipeline.TestHelpers.Lambda;

namespace OrderPipeline.TestHelpers.Functions;

/// <summary>
/// A built function running as its own process against a <see cref="RuntimeApiServer"/> on loopback, with the
/// environment Lambda gives a function plus the caller's: the black-box harness for a function's executable.
/// </summary>
public sealed class RunningFunction : IAsyncDisposable
{
    private RunningFunction(RuntimeApiServer runtimeApi, FunctionProcess process)
    {
        RuntimeApi = runtimeApi;
        Process = process;
    }

    public RuntimeApiServer RuntimeApi { get; }

    public FunctionProcess Process { get; }

    /// <summary>
    /// Starts <paramref name="build"/>'s bootstrap with Lambda's own variables (function name, memory, region, log
    /// level, placeholder credentials, <c>AWS_LAMBDA_RUNTIME_API</c>) and then <paramref name="environment"/>, which wins.
    /// </summary>
    public static async Task<RunningFunction> StartAsync(
        FunctionBuild build, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(environment);
        var runtimeApi = await RuntimeApiServer.StartAsync();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_LAMBDA_RUNTIME_API"] = runtimeApi.Address,
            ["AWS_LAMBDA_FUNCTION_NAME"] = build.LogicalId,
            ["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "256",
            ["AWS_LAMBDA_LOG_FORMAT"] = "JSON",
            ["AWS_LAMBDA_LOG_LEVEL"] = "INFO",
            ["AWS_REGION"] = "us-east-1",
            ["AWS_DEFAULT_REGION"] = "us-east-1",
            ["AWS_ACCESS_KEY_ID"] = "test",
            ["AWS_SECRET_ACCESS_KEY"] = "test",
        };
        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }

        return new RunningFunction(runtimeApi, FunctionProcess.Start(build.BootstrapPath, variables));
    }

    /// <summary>
    /// Queues one invocation of <paramref name="eventJson"/>, with <paramref name="traceHeader"/> as its
    /// <c>Lambda-Runtime-Trace-Id</c> when given, and waits for what the function posts for it.
    /// </summary>
    public Task<RuntimeApiPost> InvokeAsync(string eventJson, string? traceHeader = null)
    {
        var invocation = new RuntimeApiInvocation(Guid.NewGuid().ToString(), System.Text.Encoding.UTF8.GetBytes(eventJson))
        {
            TraceHeader = traceHeader,
        };
        RuntimeApi.Enqueue(invocation);
        return RuntimeApi.WaitForResultAsync(invocation.RequestId);
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        await RuntimeApi.DisposeAsync();
    }
}
