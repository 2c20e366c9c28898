namespace OrderPipeline.Local.Lambda.EventSourceMapping;

/// <summary>
/// Sees what an <see cref="SqsEventSourceMapping"/> does, so that a front end can count and print it (the mapping
/// itself writes nowhere). Called from the pollers' threads: implementations must be thread-safe and must not throw.
/// </summary>
internal interface ISqsEventSourceObserver
{
    /// <summary>A batch was invoked and what succeeded was deleted.</summary>
    void BatchCompleted(SqsBatchOutcome outcome);

    /// <summary>A call failed and will be retried after a back-off (the poller keeps running).</summary>
    void Faulted(SqsEventSourceFault fault);
}
