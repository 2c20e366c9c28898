namespace OrderPipeline.Local.Sqs.Queues;

/// <summary>The outcome of ChangeMessageVisibility on one receipt handle.</summary>
internal enum SqsVisibilityChange
{
    Changed,
    UnknownReceiptHandle,
    MessageGone,
    NotInFlight,
}
