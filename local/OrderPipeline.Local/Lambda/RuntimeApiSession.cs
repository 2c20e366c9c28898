using System.Threading.Channels;

namespace OrderPipeline.Local.Lambda;

/// <summary>
/// The state one instance's Runtime API endpoint shares with the instance: the invocations waiting for
/// <c>GET /next</c>, the one the runtime holds, and how its init ended.
/// </summary>
internal sealed class RuntimeApiSession(TimeProvider time)
{
    private readonly Channel<PendingInvocation> _next = Channel.CreateUnbounded<PendingInvocation>();
    private readonly TaskCompletionSource<InvocationError> _initError =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PendingInvocation? _current;
    private long _initEndedAt;

    /// <summary>Completes when the runtime posts <c>/init/error</c>.</summary>
    public Task<InvocationError> InitError => _initError.Task;

    /// <summary>The <see cref="TimeProvider.GetTimestamp"/> of the first <c>GET /next</c> or init error; null before.</summary>
    public long? InitEndedAt => Interlocked.Read(ref _initEndedAt) is var at and not 0 ? at : null;

    public void Dispatch(PendingInvocation invocation) => _next.Writer.TryWrite(invocation);

    /// <summary>A <see cref="TimeProvider.GetTimestamp"/> of the session's clock.</summary>
    public long Timestamp() => time.GetTimestamp();

    /// <summary>The time since <paramref name="timestamp"/> on the session's clock.</summary>
    public TimeSpan Since(long timestamp) => time.GetElapsedTime(timestamp);

    /// <summary>
    /// Serves <c>GET /next</c>: marks the invocation the runtime held as finished on the runtime's side (the end of
    /// its overhead), waits for the next invocation and hands it to the runtime.
    /// </summary>
    public async ValueTask<PendingInvocation> TakeNextAsync(CancellationToken cancellationToken)
    {
        MarkInitEnded();
        Volatile.Read(ref _current)?.MarkRuntimeReady(time.GetTimestamp());
        var invocation = await _next.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _current, invocation);
        invocation.MarkHandedOff(time.GetTimestamp());
        return invocation;
    }

    /// <summary>Completes the invocation the runtime holds; false for any other request id or a settled one.</summary>
    public bool TryComplete(string requestId, RuntimeOutcome outcome) =>
        Volatile.Read(ref _current) is { } current
        && string.Equals(current.RequestId, requestId, StringComparison.Ordinal)
        && current.TryComplete(outcome with { PostedAt = time.GetTimestamp() });

    public void ReportInitError(InvocationError error)
    {
        MarkInitEnded();
        _initError.TrySetResult(error);
    }

    private void MarkInitEnded() => Interlocked.CompareExchange(ref _initEndedAt, time.GetTimestamp(), 0);
}

/// <summary>An invocation dispatched to an instance; the first outcome to arrive (the runtime's post, a timeout, a
/// crash) completes it and every later one is refused.</summary>
internal sealed class PendingInvocation(
    string requestId, ReadOnlyMemory<byte> payload, string? traceHeader, DateTimeOffset deadline, string functionArn)
{
    private readonly TaskCompletionSource<RuntimeOutcome> _outcome =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly TaskCompletionSource<long> _runtimeReady = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private long _handedOffAt;

    public string RequestId => requestId;

    public ReadOnlyMemory<byte> Payload => payload;

    public string? TraceHeader => traceHeader;

    public DateTimeOffset Deadline => deadline;

    public string FunctionArn => functionArn;

    public Task<RuntimeOutcome> Outcome => _outcome.Task;

    /// <summary>The <see cref="TimeProvider.GetTimestamp"/> at which the runtime received the event; null before.</summary>
    public long? HandedOffAt => Interlocked.Read(ref _handedOffAt) is var at and not 0 ? at : null;

    public void MarkHandedOff(long timestamp) => Interlocked.CompareExchange(ref _handedOffAt, timestamp, 0);

    /// <summary>The <see cref="TimeProvider.GetTimestamp"/> of the runtime's next <c>GET /next</c> after this invocation.</summary>
    public Task<long> RuntimeReady => _runtimeReady.Task;

    public void MarkRuntimeReady(long timestamp) => _runtimeReady.TrySetResult(timestamp);

    public bool TryComplete(RuntimeOutcome outcome) => _outcome.TrySetResult(outcome);
}

/// <summary>
/// How an invocation ended: the response bytes, or an error. When the runtime posted it, <see cref="PostedAt"/> is the
/// <see cref="TimeProvider.GetTimestamp"/> of the post and <see cref="Transfer"/> how long its body took to arrive;
/// both are unset for an outcome Lambda decided (a timeout, a crash, an init error).
/// </summary>
internal sealed record RuntimeOutcome(ReadOnlyMemory<byte>? Response, InvocationError? Error)
{
    public long? PostedAt { get; init; }

    public TimeSpan? Transfer { get; init; }

    public static RuntimeOutcome Failed(InvocationError error) => new(null, error);
}
