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
internal sealed class TrialRecorder : ISqsServiceObserver, IDynamoDbServiceObserver
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

    public void RequestReceived(SqsRequest request)
    {
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

    public void RequestReceived(DynamoDbRequest request)
    {
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
