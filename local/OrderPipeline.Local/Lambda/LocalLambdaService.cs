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
            if (_pools.ContainsKey(function.LogicalId))
            {
                throw new ArgumentException($"Function {function.LogicalId} is defined twice.", nameof(functions));
            }

            _pools.Add(function.LogicalId, new FunctionPool(function, settings, logSink));
        }
    }

    public IReadOnlyCollection<string> FunctionNames => _pools.Keys;

    /// <exception cref="KeyNotFoundException">No function has that logical id.</exception>
    public FunctionPool GetFunction(string logicalId) =>
        _pools.TryGetValue(logicalId, out var pool)
            ? pool
            : throw new KeyNotFoundException($"No function {logicalId}; the functions are: {string.Join(", ", _pools.Keys)}.");

    /// <summary>Invokes <paramref name="logicalId"/>; see <see cref="FunctionPool.InvokeAsync"/>.</summary>
    /// <exception cref="KeyNotFoundException">No function has that logical id.</exception>
    public Task<InvocationResult> InvokeAsync(
        string logicalId, ReadOnlyMemory<byte> payload, string? traceHeader, CancellationToken cancellationToken) =>
        GetFunction(logicalId).InvokeAsync(payload, traceHeader, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var pool in _pools.Values)
        {
            await pool.DisposeAsync().ConfigureAwait(false);
        }
    }
}
