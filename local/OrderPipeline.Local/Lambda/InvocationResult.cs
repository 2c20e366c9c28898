namespace OrderPipeline.Local.Lambda;

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
}
