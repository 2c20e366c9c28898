namespace OrderPipeline.Local.Sqs;

/// <summary>
/// The queue attributes the local service honours. Null means "SQS's default" (visibility timeout 30 s, retention
/// 4 days, no redrive) on creation, and "not specified" when compared with an existing queue.
/// </summary>
public sealed record SqsQueueSettings(
    TimeSpan? VisibilityTimeout = null,
    TimeSpan? MessageRetentionPeriod = null,
    SqsRedrivePolicy? RedrivePolicy = null)
{
    public static readonly SqsQueueSettings Defaults = new();
}
