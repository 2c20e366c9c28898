namespace OrderPipeline.Local.Lambda;

/// <summary>An invocation dispatched to an instance; the first outcome to arrive (the runtime's post, a timeout, a
/// crash) completes it and every later one is refused.</summary>
internal sealed class PendingInvocation(
    string requestId, ReadOnlyMemory<byte> payload, string? traceHeader, DateTimeOffset deadline, string functionArn)
{
    private readonly TaskCompletionSource<RuntimeOutcome> _outcome =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

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

    public bool TryComplete(RuntimeOutcome outcome) => _outcome.TrySetResult(outcome);
}
