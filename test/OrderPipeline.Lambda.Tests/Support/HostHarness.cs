using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OrderPipeline.Lambda.Events;
using OrderPipeline.TestHelpers.Lambda;
using OrderPipeline.TestHelpers.Time;

namespace OrderPipeline.Lambda.Tests.Support;

/// <summary>
/// Runs <see cref="LambdaHost"/> in-process against a <see cref="RuntimeApiServer"/>, with the environment, stdout
/// and clock passed in: no process-wide state is touched.
/// </summary>
internal sealed class HostHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset StartTime = new(2026, 11, 26, 5, 13, 57, 123, TimeSpan.Zero);

    private readonly CancellationTokenSource _stop = new();
    private Task<int>? _run;

    private HostHarness(RuntimeApiServer server)
    {
        Server = server;
        Variables = new Dictionary<string, string?>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = server.Address,
            ["AWS_LAMBDA_FUNCTION_NAME"] = "orders-producer",
            ["AWS_LAMBDA_FUNCTION_VERSION"] = "7",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "256",
        };
    }

    public RuntimeApiServer Server { get; }

    public Dictionary<string, string?> Variables { get; }

    /// <summary>Every environment variable the host set, in order.</summary>
    public ConcurrentQueue<(string Name, string? Value)> VariablesSet { get; } = new();

    public MemoryStream Stdout { get; } = new();

    /// <summary>The working directory the host is told it runs in.</summary>
    public string WorkingDirectory { get; set; } = "/var/task";

    public ManualTimeProvider Time { get; } = new(StartTime);

    public static async Task<HostHarness> StartAsync() => new(await RuntimeApiServer.StartAsync());

    /// <summary>Starts the host in the background; <see cref="ExitCodeAsync"/> and <see cref="StopAsync"/> end it.</summary>
    public void Start<TEvent, TResponse>(
        Func<LambdaStartup, ILambdaHandler<TEvent, TResponse>> initialize,
        JsonTypeInfo<TEvent> eventType,
        JsonTypeInfo<TResponse> responseType)
    {
        var dependencies = new HostDependencies(
            name => Variables.GetValueOrDefault(name),
            (name, value) => VariablesSet.Enqueue((name, value)),
            Stdout,
            Time,
            WorkingDirectory);
        _run = Task.Run(() => LambdaHost.RunAsync(initialize, eventType, responseType, dependencies, _stop.Token));
    }

    /// <summary>Starts a proxy handler; the default answers 200 with the request body.</summary>
    public void StartProxy(
        Func<ApiGatewayProxyRequest, ILambdaContext, CancellationToken, Task<ApiGatewayProxyResponse>>? handle = null) =>
        Start(
            _ => new DelegateHandler<ApiGatewayProxyRequest, ApiGatewayProxyResponse>(handle ?? Echo),
            LambdaEventsJsonContext.Default.ApiGatewayProxyRequest,
            LambdaEventsJsonContext.Default.ApiGatewayProxyResponse);

    /// <summary>Queues a proxy event whose body is <paramref name="body"/>, five minutes from its deadline.</summary>
    public RuntimeApiInvocation Enqueue(string body, string? traceHeader = null) =>
        EnqueueRaw(JsonSerializer.Serialize(
            new ApiGatewayProxyRequest { HttpMethod = "POST", Path = "/orders", Body = body },
            LambdaEventsJsonContext.Default.ApiGatewayProxyRequest), traceHeader);

    public RuntimeApiInvocation EnqueueRaw(string eventJson, string? traceHeader = null)
    {
        var invocation = new RuntimeApiInvocation(Guid.NewGuid().ToString(), Encoding.UTF8.GetBytes(eventJson))
        {
            Deadline = Time.GetUtcNow().AddMinutes(5),
            TraceHeader = traceHeader,
        };
        Server.Enqueue(invocation);
        return invocation;
    }

    /// <summary>The exit code of a run that ends by itself.</summary>
    public Task<int> ExitCodeAsync() => Running.WaitAsync(RuntimeApiServer.WaitTimeout);

    /// <summary>Cancels the run's token and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await ExitCodeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_run is { IsCompleted: false })
        {
            await StopAsync();
        }

        await Server.DisposeAsync();
        _stop.Dispose();
        await Stdout.DisposeAsync();
    }

    private Task<int> Running => _run ?? throw new InvalidOperationException("The host is not running.");

    private static Task<ApiGatewayProxyResponse> Echo(
        ApiGatewayProxyRequest request, ILambdaContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new ApiGatewayProxyResponse { StatusCode = 200, Body = request.Body });
}

internal sealed class DelegateHandler<TEvent, TResponse>(
    Func<TEvent, ILambdaContext, CancellationToken, Task<TResponse>> handle) : ILambdaHandler<TEvent, TResponse>
{
    public Task<TResponse> HandleAsync(TEvent input, ILambdaContext context, CancellationToken cancellationToken) =>
        handle(input, context, cancellationToken);
}
