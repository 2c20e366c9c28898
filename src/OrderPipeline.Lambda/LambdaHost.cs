using System.Runtime.InteropServices;
using System.Text.Json.Serialization.Metadata;
using OrderPipeline.Lambda.Hosting;
using OrderPipeline.Lambda.Logging;

namespace OrderPipeline.Lambda;

/// <summary>The custom runtime: runs a handler against the Lambda Runtime API for the life of the process.</summary>
public static class LambdaHost
{
    /// <summary>
    /// Runs the Runtime API loop (<c>AWS_LAMBDA_RUNTIME_API</c>) for the process' lifetime, logging JSON lines to
    /// stdout at <c>LOG_LEVEL</c>, else <c>AWS_LAMBDA_LOG_LEVEL</c> (default INFO; see <c>LambdaEnvironment</c> for
    /// why). <paramref name="initialize"/> runs once, at cold start; if it throws, the error is posted to
    /// <c>/runtime/init/error</c>.
    /// Returns the process exit code: 0 when <paramref name="cancellationToken"/> is cancelled or SIGTERM arrives,
    /// 1 when initialization fails (or <c>AWS_LAMBDA_RUNTIME_API</c> is unset), 2 when the Runtime API fails
    /// (a 500 answer, or the API is unreachable).
    /// </summary>
    public static async Task<int> RunAsync<TEvent, TResponse>(
        Func<LambdaStartup, ILambdaHandler<TEvent, TResponse>> initialize,
        JsonTypeInfo<TEvent> eventType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken = default)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stopping.Cancel();
        });
        var stdout = Console.OpenStandardOutput();
        await using (stdout.ConfigureAwait(false))
        {
            var dependencies = new HostDependencies(
                Environment.GetEnvironmentVariable,
                Environment.SetEnvironmentVariable,
                stdout,
                TimeProvider.System,
                Environment.CurrentDirectory);
            return await RunAsync(initialize, eventType, responseType, dependencies, stopping.Token)
                .ConfigureAwait(false);
        }
    }

    internal static async Task<int> RunAsync<TEvent, TResponse>(
        Func<LambdaStartup, ILambdaHandler<TEvent, TResponse>> initialize,
        JsonTypeInfo<TEvent> eventType,
        JsonTypeInfo<TResponse> responseType,
        HostDependencies dependencies,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(initialize);
        ArgumentNullException.ThrowIfNull(eventType);
        ArgumentNullException.ThrowIfNull(responseType);
        var environment = LambdaEnvironment.Read(dependencies.GetEnvironmentVariable);
        using var output = new JsonLineSink(dependencies.Stdout);
        var logger = new JsonLambdaLogger(output, environment.LogLevel, dependencies.Time);
        if (environment.RuntimeApi is null)
        {
            logger.Log(LogLevel.Fatal, "A required environment variable is not set", null,
                ("variable", LambdaEnvironment.RuntimeApiVariable));
            return ExitCodes.InitializationFailed;
        }

        using var client = new RuntimeApiClient(environment.RuntimeApi);
        ILambdaHandler<TEvent, TResponse> handler;
        LambdaStartup startup;
        try
        {
            var metrics = new EmfMetricsLogger(output, dependencies.Time);
            startup = new LambdaStartup(logger, metrics, dependencies.GetEnvironmentVariable, dependencies.Time);
            handler = initialize(startup);
        }
#pragma warning disable CA1031 // Any failure to build the handler is an init error, reported to Lambda.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.Log(LogLevel.Fatal, "Initialization failed", ex);
            await ReportInitErrorAsync(client, ex, dependencies.WorkingDirectory, logger, cancellationToken)
                .ConfigureAwait(false);
            return ExitCodes.InitializationFailed;
        }

        var loop = new InvocationLoop<TEvent, TResponse>(
            client, handler, eventType, responseType, environment, logger, dependencies, startup.Observers);
        return await loop.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ReportInitErrorAsync(
        RuntimeApiClient client,
        Exception error,
        string workingDirectory,
        JsonLambdaLogger logger,
        CancellationToken cancellationToken)
    {
        var errorType = ExceptionFields.TypeName(error);
        try
        {
            await client.PostInitErrorAsync(
                    errorType,
                    ErrorDocument.Create(errorType, error),
                    ErrorCause.Create(error, workingDirectory),
                    cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RuntimeApiException or HttpRequestException or OperationCanceledException)
        {
            logger.Log(LogLevel.Fatal, "The init error could not be reported", ex);
        }
    }
}

/// <summary>Handles one invocation at a time; one instance serves every invocation of the process.</summary>
public interface ILambdaHandler<TEvent, TResponse>
{
    /// <summary>
    /// Handles one event. <paramref name="cancellationToken"/> is cancelled 500 ms before the invocation's deadline,
    /// leaving time to post the outcome, and when the runtime is stopping (SIGTERM). An exception becomes the
    /// invocation's error (its type name is the <c>errorType</c>); the process goes on to the next invocation.
    /// </summary>
    Task<TResponse> HandleAsync(TEvent input, ILambdaContext context, CancellationToken cancellationToken);
}

/// <summary>
/// What the host takes from the process: the environment, stdout, the clock, and the working directory (the
/// <c>working_directory</c> of an error's X-Ray cause).
/// </summary>
internal sealed record HostDependencies(
    Func<string, string?> GetEnvironmentVariable,
    Action<string, string?> SetEnvironmentVariable,
    Stream Stdout,
    TimeProvider Time,
    string WorkingDirectory);

/// <summary>The process exit codes <c>LambdaHost.RunAsync</c> returns.</summary>
internal static class ExitCodes
{
    public const int Stopped = 0;
    public const int InitializationFailed = 1;
    public const int RuntimeApiFailed = 2;
}
