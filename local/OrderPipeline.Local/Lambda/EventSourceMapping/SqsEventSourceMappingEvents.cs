namespace OrderPipeline.Local.Lambda.EventSourceMapping;

/// <summary>
/// What an <see cref="SqsEventSourceMapping"/> reports, so that a front end can count and print it (the mapping itself
/// writes nowhere); a null handler for nobody, two handlers combined as one delegate. Called from the pollers' threads:
/// handlers must be thread-safe and must not throw.
/// </summary>
internal sealed class SqsEventSourceMappingEvents
{
    /// <summary>A batch was invoked and what succeeded was deleted.</summary>
    public Action<SqsBatchOutcome>? BatchCompleted { get; init; }

    /// <summary>A call failed and is retried after a back-off, or given up (the poller keeps running).</summary>
    public Action<SqsEventSourceFault>? Faulted { get; init; }
}

/// <summary>
/// One batch's story: the trace of its invocation, the invocation's result, which records failed (and why, when the
/// whole batch did) and how many records were deleted. Records neither failed nor deleted are those whose delete kept
/// failing: they come back after the visibility timeout.
/// </summary>
internal sealed record SqsBatchOutcome(
    string FunctionLogicalId,
    string EventSourceName,
    string TraceId,
    int RecordCount,
    InvocationResult? Result,
    SqsBatchVerdict Verdict,
    int DeletedCount)
{
    /// <summary>Lambda refused the invocation for want of concurrency (<see cref="TooManyRequestsException"/>).</summary>
    public bool Throttled { get; init; }
}

/// <summary>
/// A failed call of an event source mapping: <paramref name="Operation"/> is the SQS operation (<c>ReceiveMessage</c>,
/// <c>DeleteMessageBatch</c>) or <c>Invoke</c>; <paramref name="Error"/> is what was thrown, or null for a batch entry
/// SQS refused, named by <paramref name="Detail"/>; <paramref name="RetryIn"/> is null when the call is given up.
/// </summary>
internal sealed record SqsEventSourceFault(
    string FunctionLogicalId, string EventSourceName, string Operation, Exception? Error, string Detail, TimeSpan? RetryIn);
