namespace OrderPipeline.Local.Lambda;

/// <summary>
/// Invokes a function by logical id, as the Lambda Invoke API does for the services in front of it (API Gateway,
/// the event source mapping). Function errors, timeouts and crashes are results, not exceptions.
/// </summary>
public interface IFunctionInvoker
{
    /// <param name="functionName">The function's name in the account (its deployed name, <c>FunctionDefinition.Name</c>).</param>
    /// <param name="payload">The event JSON.</param>
    /// <param name="traceHeader">The <c>Lambda-Runtime-Trace-Id</c> the runtime is given; null for none.</param>
    /// <param name="cancellationToken">Abandons the invocation.</param>
    /// <exception cref="KeyNotFoundException">No function has that logical id.</exception>
    Task<InvocationResult> InvokeAsync(
        string functionName, ReadOnlyMemory<byte> payload, string? traceHeader, CancellationToken cancellationToken);
}

/// <summary>The outcome of one invocation: exactly one of <see cref="Response"/> and <see cref="Error"/> is set.</summary>
/// <param name="RequestId">The <c>Lambda-Runtime-Aws-Request-Id</c> the runtime was given.</param>
/// <param name="Response">The bytes the runtime posted to <c>/response</c>.</param>
/// <param name="Error">The function's error, or the one Lambda reports for a timeout, crash or init failure.</param>
/// <param name="Duration">From the runtime receiving the event (or its dispatch, if it never did) to the outcome.</param>
/// <param name="InitDuration">From process start to its first <c>GET /next</c>; set only on a cold start.</param>
/// <param name="InstanceId">The instance that ran it, numbered from 1 within its function.</param>
public sealed record InvocationResult(
    string RequestId,
    ReadOnlyMemory<byte>? Response,
    InvocationError? Error,
    TimeSpan Duration,
    TimeSpan? InitDuration,
    int InstanceId)
{
    public bool Succeeded => Error is null;

    /// <summary>How long the runtime's <c>/response</c> body took to arrive; null when it posted none.</summary>
    public TimeSpan? ResponseDuration { get; init; }

    /// <summary>
    /// From the runtime's post of the outcome to its next <c>GET /next</c>: the time it needed to finish the invocation;
    /// null when Lambda ended the invocation itself or the runtime did not come back within a second.
    /// </summary>
    public TimeSpan? RuntimeOverhead { get; init; }

    /// <summary>
    /// This result once the runtime has finished the invocation on its side (asked for its next event, or a second
    /// passed), with <see cref="RuntimeOverhead"/> measured. The caller has the result before that, as Lambda answers at
    /// the post; the invocation's segments wait for this. This result itself unless set.
    /// </summary>
    public Task<InvocationResult> Settled
    {
        get => field ?? Task.FromResult(this);
        init;
    }
}

/// <summary>
/// A failed invocation as Lambda reports it: the error type and message, and the error document the caller receives
/// (what the runtime posted, or the one Lambda writes for a timeout or a crashed runtime).
/// </summary>
public sealed record InvocationError(string ErrorType, string ErrorMessage, ReadOnlyMemory<byte> Body)
{
    /// <summary>
    /// The X-Ray <c>cause</c> object the runtime sent in <c>Lambda-Runtime-Function-XRay-Error-Cause</c> (JSON);
    /// null when it sent none or not a JSON object. Lambda puts it on the invocation's segments.
    /// </summary>
    public string? XRayCause { get; init; }
}
