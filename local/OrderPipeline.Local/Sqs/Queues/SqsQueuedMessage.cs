namespace OrderPipeline.Local.Sqs.Queues;

/// <summary>The delivery state of one message while it is in a queue; guarded by its queue's lock.</summary>
internal sealed class SqsQueuedMessage(SqsSentMessage message, DateTimeOffset visibleAt)
{
    public SqsSentMessage Message { get; } = message;

    public DateTimeOffset VisibleAt { get; private set; } = visibleAt;

    public int ReceiveCount { get; private set; }

    public DateTimeOffset? FirstReceivedAt { get; private set; }

    /// <summary>Received and not yet visible again: SQS counts it as "not visible" (in flight).</summary>
    public bool IsInFlight(DateTimeOffset now) => ReceiveCount > 0 && VisibleAt > now;

    /// <summary>Never received and still within its delivery delay.</summary>
    public bool IsDelayed(DateTimeOffset now) => ReceiveCount == 0 && VisibleAt > now;

    public SqsReceivedMessage Deliver(DateTimeOffset now, TimeSpan visibilityTimeout)
    {
        ReceiveCount++;
        FirstReceivedAt ??= now;
        VisibleAt = now + visibilityTimeout;
        var receiptHandle = Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + Message.MessageId;
        return new SqsReceivedMessage(Message, receiptHandle, ReceiveCount, FirstReceivedAt.Value);
    }

    public void ChangeVisibility(DateTimeOffset now, TimeSpan visibilityTimeout) => VisibleAt = now + visibilityTimeout;
}
