using OrderPipeline.Contracts;
using OrderPipeline.Local.DynamoDb;
using OrderPipeline.Local.Lambda.EventSourceMapping;
using OrderPipeline.Local.Sqs;

namespace OrderPipeline.Local.Cli.Trial;

/// <summary>
/// Watches the stack for the trial: every message SQS accepts (with the order id of its body), every PutItem change of
/// any table (with the order id of its new item, and whether it overwrote one), and every delivery the event source
/// mappings count as failed. Thread-safe; records everything and leaves choosing the queue and table to the caller.
/// </summary>
internal sealed class TrialRecorder
{
    private const string PutItem = "PutItem";

    private readonly Lock _gate = new();
    private readonly List<OrderMessageSent> _sent = [];
    private readonly List<OrderItemWrite> _writes = [];
    private readonly List<FailedDelivery> _failures = [];

    public IReadOnlyList<OrderMessageSent> Sent
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent];
            }
        }
    }

    public IReadOnlyList<OrderItemWrite> Writes
    {
        get
        {
            lock (_gate)
            {
                return [.. _writes];
            }
        }
    }

    public IReadOnlyList<FailedDelivery> Failures
    {
        get
        {
            lock (_gate)
            {
                return [.. _failures];
            }
        }
    }

    public void MessageAccepted(SqsSentMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var sent = new OrderMessageSent(
            message.QueueName,
            message.MessageId,
            OrderIdReader.FromBody(message.Body),
            OrderMessage.TryParse(message.Body, out var order, out _) ? order.Order.Digest() : null);
        lock (_gate)
        {
            _sent.Add(sent);
        }
    }

    public void ItemChanged(DynamoDbItemChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Operation != PutItem)
        {
            return;
        }

        var write = new OrderItemWrite(change.TableName, OrderIdReader.FromItem(change.NewImage), change.OldImage is not null);
        lock (_gate)
        {
            _writes.Add(write);
        }
    }

    public void BatchCompleted(SqsBatchOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var failed = outcome.Verdict.FailedMessageIds
            .Select(messageId => new FailedDelivery(messageId, outcome.TraceId, outcome.Verdict.Reason));
        lock (_gate)
        {
            _failures.AddRange(failed);
        }
    }
}

/// <summary>
/// A message SQS accepted on <paramref name="QueueName"/>, with the <c>orderId</c> its body names and the digest of
/// the order it carries (<c>OrderRequest.Digest</c>; null when the body is not a valid order message).
/// </summary>
internal sealed record OrderMessageSent(string QueueName, string MessageId, string? OrderId, string? OrderDigest = null);

/// <summary>
/// A PutItem that changed <paramref name="TableName"/>: the <c>orderId</c> of the new item, and whether it replaced an
/// item that was there (an overwrite) rather than creating one.
/// </summary>
internal sealed record OrderItemWrite(string TableName, string? OrderId, bool Overwrote);

/// <summary>
/// A delivery of a message that the event source mapping counted as failed: the consumer trace of its batch and, when
/// the whole batch failed (a crash, a time-out, a function error), why.
/// </summary>
internal sealed record FailedDelivery(string MessageId, string TraceId, string? BatchReason);
