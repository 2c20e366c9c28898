namespace OrderPipeline.Local.Lambda;

/// <summary>
/// Invokes a function by logical id, as the Lambda Invoke API does for the services in front of it (API Gateway,
/// the event source mapping). Function errors, timeouts and crashes are results, not exceptions.
/// </summary>
public interface IFunctionInvoker
{
    /// <param name="logicalId">The function's logical id in the template.</param>
    /// <param name="payload">The event JSON.</param>
    /// <param name="traceHeader">The <c>Lambda-Runtime-Trace-Id</c> the runtime is given; null for none.</param>
    /// <param name="cancellationToken">Abandons the invocation.</param>
    /// <exception cref="KeyNotFoundException">No function has that logical id.</exception>
    Task<InvocationResult> InvokeAsync(
        string logicalId, ReadOnlyMemory<byte> payload, string? traceHeader, CancellationToken cancellationToken);
}
