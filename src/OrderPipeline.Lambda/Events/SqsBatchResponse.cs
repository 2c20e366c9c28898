namespace OrderPipeline.Lambda.Events;

/// <summary>
/// A partial batch response, <c>{"batchItemFailures":[{"itemIdentifier":"…"}]}</c>; Lambda honours it only when the
/// event source mapping reports batch item failures. An empty list means the whole batch succeeded.
/// </summary>
public sealed class SqsBatchResponse
{
    public IList<BatchItemFailure> BatchItemFailures { get; set; } = [];
}
