namespace OrderPipeline.Local.Cli.Trial;

/// <summary>
/// What a trial saw, for <see cref="TrialReconciler"/>: every submission with its answers, the messages SQS accepted on
/// the orders queue (its observer), the PutItem changes of the orders table (its observer), the order ids in the table at
/// the end (a Scan), the messages in the dead-letter queue with their reasons, the faults injected, and whether the
/// orders queue drained before the time-out.
/// </summary>
internal sealed record TrialEvidence(
    IReadOnlyList<TrialSubmission> Submissions,
    IReadOnlyList<OrderMessageSent> Sent,
    IReadOnlyList<OrderItemWrite> Writes,
    IReadOnlySet<string> Stored,
    IReadOnlyList<DeadLetter> DeadLetters,
    IReadOnlyList<TrialFaultCount> Faults,
    bool Settled);
