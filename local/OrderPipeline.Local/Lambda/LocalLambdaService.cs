namespace OrderPipeline.Local.Lambda;

/// <summary>
/// The local Lambda service: one <see cref="FunctionPool"/> per function, looked up by logical id. Disposing stops
/// every function's processes.
/// </summary>
public sealed class LocalLambdaService : IFunctionInvoker, IAsyncDisposable
{
    private readonly Dictionary<string, FunctionPool> _pools = new(StringComparer.Ordinal);

    /// <param name="functions">The functions to serve; logical ids must be unique. No process starts before the
    /// first invocation.</param>
    /// <param name="settings">What the stack gives every function: region and endpoint variables.</param>
    /// <param name="logSink">Receives every line any instance writes; must be thread-safe and must not throw.</param>
    public LocalLambdaService(
        IEnumerable<LocalFunction> functions, LambdaServiceSettings settings, Action<FunctionLogLine> logSink)
    {
        ArgumentNullException.ThrowIfNull(functions);
        foreach (var function in functions)
        {
            if (_pools.ContainsKey(function.Name))
            {
                throw new ArgumentException($"Function {function.Name} is defined twice.", nameof(functions));
            }

            _pools.Add(function.Name, new FunctionPool(function, settings, logSink));
        }
    }

    public IReadOnlyCollection<string> FunctionNames => _pools.Keys;

    /// <exception cref="KeyNotFoundException">No function has that name.</exception>
    public FunctionPool GetFunction(string functionName) =>
        _pools.TryGetValue(functionName, out var pool)
            ? pool
            : throw new KeyNotFoundException($"No function {functionName}; the functions are: {string.Join(", ", _pools.Keys)}.");

    /// <summary>Invokes the function named <paramref name="functionName"/>; see <see cref="FunctionPool.InvokeAsync"/>.</summary>
    /// <exception cref="KeyNotFoundException">No function has that name.</exception>
    public Task<InvocationResult> InvokeAsync(
        string functionName, ReadOnlyMemory<byte> payload, string? traceHeader, CancellationToken cancellationToken) =>
        GetFunction(functionName).InvokeAsync(payload, traceHeader, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var pool in _pools.Values)
        {
            await pool.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>What the local stack gives every function it runs, beside the function's own settings.</summary>
/// <param name="Region">The region in <c>AWS_REGION</c>, <c>AWS_DEFAULT_REGION</c> and the function ARN.</param>
/// <param name="StackEnvironment">
/// Variables the stack adds to every function, such as <c>AWS_ENDPOINT_URL_SQS</c> and <c>AWS_XRAY_DAEMON_ADDRESS</c>;
/// a function's own variable of the same name wins.
/// </param>
public sealed record LambdaServiceSettings(string Region, IReadOnlyDictionary<string, string> StackEnvironment);

/// <summary>
/// One function as the local Lambda service runs it: the process to start for each instance and its settings.
/// </summary>
/// <param name="LogicalId">The function's logical id in template.yaml: its log lines' prefix.</param>
/// <param name="ExecutablePath">The executable of an instance: the <c>bootstrap</c>, or <c>dotnet</c> for a JIT build.</param>
/// <param name="Arguments">Its arguments, e.g. the path of the function's dll after <c>dotnet</c>.</param>
/// <param name="WorkingDirectory">Where the process starts (<c>LAMBDA_TASK_ROOT</c>).</param>
/// <param name="Environment">The function's own variables (template <c>Environment.Variables</c>, resolved).</param>
/// <param name="Timeout">How long an invocation may run, counted from its dispatch (a cold start's init included).</param>
/// <param name="MemorySize">In MB, as <c>MemorySize</c> in the template; passed to the function, not enforced.</param>
/// <param name="MaxConcurrency">How many instances may run at once; invocations beyond it wait.</param>
/// <param name="LogFormat"><c>LoggingConfig.LogFormat</c>, <c>JSON</c> or <c>Text</c>: the instance's <c>AWS_LAMBDA_LOG_FORMAT</c>.</param>
/// <param name="ApplicationLogLevel">
/// <c>LoggingConfig.ApplicationLogLevel</c>: with the JSON format, the instance's <c>AWS_LAMBDA_LOG_LEVEL</c>
/// (INFO when null, Lambda's default).
/// </param>
public sealed record LocalFunction(
    string LogicalId,
    string ExecutablePath,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    TimeSpan Timeout,
    int MemorySize,
    int MaxConcurrency,
    string LogFormat = FunctionEnvironment.JsonLogFormat,
    string? ApplicationLogLevel = null)
{
    /// <summary>
    /// The function's name in the account, what Invoke takes and <c>AWS_LAMBDA_FUNCTION_NAME</c> and X-Ray's segments
    /// show (the template's <c>FunctionName</c>, else the one CloudFormation generates); the logical id unless set.
    /// </summary>
    public string Name
    {
        get => field ?? LogicalId;
        init;
    }
}
