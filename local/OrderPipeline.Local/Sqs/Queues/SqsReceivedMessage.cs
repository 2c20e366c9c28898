namespace OrderPipeline.Local.Sqs.Queues;

/// <summary>One delivery of a queued message: what ReceiveMessage hands out.</summary>
internal sealed record SqsReceivedMessage(
    SqsSentMessage Message,
    string ReceiptHandle,
    int ReceiveCount,
    DateTimeOffset FirstReceivedAt);
