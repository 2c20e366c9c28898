namespace OrderPipeline.Local.Lambda;

/// <summary>
/// The local Lambda service: one <see cref="FunctionPool"/> per function, looked up by its name (<see cref="LocalFunction.Name"/>), and the account's
/// concurrency (<see cref="LambdaServiceSettings.AccountConcurrency"/>, each function's reservation): an invocation
/// beyond it is refused with <see cref="TooManyRequestsException"/>, as Lambda refuses it; one within it that finds
/// every local process of its function busy waits for one (<see cref="LocalFunction.MaxConcurrency"/>, this
/// machine's limit, not Lambda's). Disposing stops every function's processes.
/// </summary>
public sealed class LocalLambdaService : IFunctionInvoker, IAsyncDisposable
{
    private readonly Dictionary<string, FunctionPool> _pools = new(StringComparer.Ordinal);
    private readonly LambdaConcurrency _concurrency;

    /// <param name="functions">The functions to serve; names must be unique. No process starts before the
    /// first invocation.</param>
    /// <param name="settings">What the stack gives every function: region and endpoint variables.</param>
    /// <param name="logSink">Receives every line any instance writes; must be thread-safe and must not throw.</param>
    /// <exception cref="Stack.Template.TemplateException">The reservations leave the account less unreserved
    /// concurrency than Lambda keeps.</exception>
    public LocalLambdaService(
        IEnumerable<LocalFunction> functions, LambdaServiceSettings settings, Action<FunctionLogLine> logSink)
    {
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentNullException.ThrowIfNull(settings);
        var list = functions.ToList();
        _concurrency = new LambdaConcurrency(
            settings.AccountConcurrency,
            list.Select(function => KeyValuePair.Create(function.Name, function.ReservedConcurrentExecutions)));
        foreach (var function in list)
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

    /// <summary>The account's quota of concurrent executions.</summary>
    public int AccountConcurrency => _concurrency.AccountConcurrency;

    /// <summary>What the functions without a reservation share of <see cref="AccountConcurrency"/>.</summary>
    public int UnreservedConcurrency => _concurrency.UnreservedConcurrency;

    /// <summary>
    /// Invokes the function named <paramref name="functionName"/> within the account's concurrency; see <see cref="FunctionPool.InvokeAsync"/>.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No function has that name.</exception>
    /// <exception cref="TooManyRequestsException">No concurrency is left for the function: its reservation, or the
    /// account's unreserved concurrency, is in use.</exception>
    public async Task<InvocationResult> InvokeAsync(
        string functionName, ReadOnlyMemory<byte> payload, string? traceHeader, CancellationToken cancellationToken)
    {
        var pool = GetFunction(functionName);
        using var lease = _concurrency.Acquire(functionName);
        return await pool.InvokeAsync(payload, traceHeader, cancellationToken).ConfigureAwait(false);
    }

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
/// <param name="AccountConcurrency">The account's quota of concurrent executions: <see cref="DefaultAccountConcurrency"/>
/// as in a standing AWS account, 10 for a new one.</param>
public sealed record LambdaServiceSettings(
    string Region, IReadOnlyDictionary<string, string> StackEnvironment, int AccountConcurrency = LambdaServiceSettings.DefaultAccountConcurrency)
{
    /// <summary>Lambda's default quota of concurrent executions per account and region (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html).</summary>
    public const int DefaultAccountConcurrency = 1000;
}

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
/// <param name="MaxConcurrency">How many instances (processes) may run at once on this machine; invocations beyond it
/// wait for one, where Lambda would start another environment.</param>
/// <param name="LogFormat"><c>LoggingConfig.LogFormat</c>, <c>JSON</c> or <c>Text</c>: the instance's <c>AWS_LAMBDA_LOG_FORMAT</c>.</param>
/// <param name="ApplicationLogLevel">
/// <c>LoggingConfig.ApplicationLogLevel</c>: with the JSON format, the instance's <c>AWS_LAMBDA_LOG_LEVEL</c>
/// (INFO when null, Lambda's default).
/// </param>
/// <param name="ReservedConcurrentExecutions">The template's <c>ReservedConcurrentExecutions</c>: the most invocations
/// Lambda runs at once, beyond which it throttles; null to share the account's unreserved concurrency.</param>
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
    string? ApplicationLogLevel = null,
    int? ReservedConcurrentExecutions = null)
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
