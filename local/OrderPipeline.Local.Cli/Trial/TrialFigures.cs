namespace OrderPipeline.Local.Cli.Trial;

/// <summary>The figures a trial prints: what was sent and answered, what was injected, and where the orders ended.</summary>
/// <param name="Orders">Orders submitted, each with its own Idempotency-Key.</param>
/// <param name="Requests">HTTP requests made, resends and other orders under a reused key included.</param>
/// <param name="AnswersByStatus">Answers by HTTP status (0: no answer), ascending, those to reused keys included.</param>
/// <param name="Faults">Faults injected, by kind.</param>
/// <param name="Accepted">Orders with at least one 202 answer.</param>
/// <param name="Stored">Accepted orders stored exactly once.</param>
/// <param name="DeadLettered">Accepted orders not stored but in the dead-letter queue.</param>
/// <param name="Lost">Accepted orders neither stored nor in the dead-letter queue.</param>
/// <param name="Duplicated">Orders created more than once or overwritten in the table.</param>
internal sealed record TrialFigures(
    int Orders,
    int Requests,
    IReadOnlyList<KeyValuePair<int, int>> AnswersByStatus,
    IReadOnlyList<TrialFaultCount> Faults,
    int Accepted,
    int Stored,
    int DeadLettered,
    int Lost,
    int Duplicated);
