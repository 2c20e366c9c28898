using OrderPipeline.Local.DynamoDb;
using OrderPipeline.Local.Lambda.EventSourceMapping;
using OrderPipeline.Local.Sqs;

namespace OrderPipeline.Local.Stack;

/// <summary>
/// Who else watches the stack's services, beside its own progress reporting (each null for nobody): every SQS request
/// and accepted message, every DynamoDB request and item change, and every batch the event source mappings settle.
/// Each is called on the services' threads, so it must be thread-safe and must not throw.
/// </summary>
internal sealed record StackObservers(
    ISqsServiceObserver? Sqs = null,
    IDynamoDbServiceObserver? DynamoDb = null,
    ISqsEventSourceObserver? EventSources = null)
{
    public static StackObservers None { get; } = new();
}
