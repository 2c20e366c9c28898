namespace OrderPipeline.Local.Cli.Trial;

/// <summary>
/// A delivery of a message that the event source mapping counted as failed: the consumer trace of its batch and, when
/// the whole batch failed (a crash, a time-out, a function error), why.
/// </summary>
internal sealed record FailedDelivery(string MessageId, string TraceId, string? BatchReason);
