using OrderPipeline.Local.Sqs.Queues;

namespace OrderPipeline.Local.Sqs.Operations;

/// <summary>The SQS operations the local service answers, by the name after <c>AmazonSQS.</c> in <c>X-Amz-Target</c>.</summary>
internal sealed class SqsOperationTable
{
    private readonly Dictionary<string, Func<SqsCall, Task>> _operations;

    public SqsOperationTable(SqsQueueRegistry queues, ISqsServiceObserver observer, TimeProvider time, SqsRandomIds ids)
    {
        var send = new SqsSendOperations(queues, observer, time, ids);
        var receive = new SqsReceiveOperations(queues, time);
        var receipts = new SqsReceiptOperations(queues);
        var queueOperations = new SqsQueueOperations(queues);
        _operations = new(StringComparer.Ordinal)
        {
            ["SendMessage"] = send.SendMessageAsync,
            ["SendMessageBatch"] = send.SendMessageBatchAsync,
            ["ReceiveMessage"] = receive.ReceiveMessageAsync,
            ["DeleteMessage"] = receipts.DeleteMessageAsync,
            ["DeleteMessageBatch"] = receipts.DeleteMessageBatchAsync,
            ["ChangeMessageVisibility"] = receipts.ChangeMessageVisibilityAsync,
            ["ChangeMessageVisibilityBatch"] = receipts.ChangeMessageVisibilityBatchAsync,
            ["CreateQueue"] = queueOperations.CreateQueueAsync,
            ["GetQueueUrl"] = queueOperations.GetQueueUrlAsync,
            ["ListQueues"] = queueOperations.ListQueuesAsync,
            ["GetQueueAttributes"] = queueOperations.GetQueueAttributesAsync,
            ["PurgeQueue"] = queueOperations.PurgeQueueAsync,
        };
    }

    public bool TryGet(string operation, out Func<SqsCall, Task> handle) => _operations.TryGetValue(operation, out handle!);
}
