namespace OrderPipeline.Local.Lambda.EventSourceMapping;

/// <summary>
/// Which records of a batch failed and stay in the queue: none, some (those the function named in
/// <c>batchItemFailures</c>), or all, with <see cref="Reason"/> saying why the whole batch failed.
/// </summary>
internal sealed record SqsBatchVerdict(IReadOnlySet<string> FailedMessageIds, string? Reason)
{
    public static SqsBatchVerdict AllSucceeded { get; } = new(new HashSet<string>(StringComparer.Ordinal), null);

    public static SqsBatchVerdict AllFailed(IEnumerable<string> messageIds, string reason) =>
        new(messageIds.ToHashSet(StringComparer.Ordinal), reason);
}
