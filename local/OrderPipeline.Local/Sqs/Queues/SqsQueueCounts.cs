namespace OrderPipeline.Local.Sqs.Queues;

/// <summary>The approximate message counts GetQueueAttributes reports.</summary>
internal readonly record struct SqsQueueCounts(int Visible, int NotVisible, int Delayed);
