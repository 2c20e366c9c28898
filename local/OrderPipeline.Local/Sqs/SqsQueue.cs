namespace OrderPipeline.Local.Sqs;

/// <summary>
/// One standard queue in memory: messages stay until deleted or past their retention period, and a received message is
/// invisible to other receives for its visibility timeout. With a redrive policy, a message that would be received for
/// more than <see cref="SqsRedrivePolicy.MaxReceiveCount"/> times is handed back for the dead-letter queue instead,
/// as SQS does (on receive). A delivery that <paramref name="duplicates"/> picks leaves its message visible, so the next
/// receive delivers it again (SQS's at-least-once delivery). Thread-safe.
/// </summary>
internal sealed class SqsQueue(
    string name, string arn, SqsQueueSettings settings, TimeProvider time, SqsDuplicateDeliveries? duplicates = null)
{
    public static readonly TimeSpan DefaultVisibilityTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultRetentionPeriod = TimeSpan.FromDays(4);

    /// <summary>Bytes: SQS's default and largest <c>MaximumMessageSize</c> (1 MiB).</summary>
    public const int DefaultMaximumMessageSize = 1_048_576;

    private static readonly TimeSpan VisibilityMargin = TimeSpan.FromMilliseconds(2);

    private readonly Lock _gate = new();
    private readonly List<SqsQueuedMessage> _messages = [];
    private readonly Dictionary<string, SqsQueuedMessage> _receipts = new(StringComparer.Ordinal);
    private TaskCompletionSource _arrival = NewArrival();

    public string Name { get; } = name;

    public string Arn { get; } = arn;

    public SqsQueueSettings Settings { get; } = settings;

    public TimeSpan VisibilityTimeout => Settings.VisibilityTimeout ?? DefaultVisibilityTimeout;

    public TimeSpan RetentionPeriod => Settings.MessageRetentionPeriod ?? DefaultRetentionPeriod;

    /// <summary>The delivery delay of a message sent without <c>DelaySeconds</c> of its own.</summary>
    public TimeSpan Delay => Settings.DelaySeconds ?? TimeSpan.Zero;

    /// <summary>The long poll of a receive that sets no <c>WaitTimeSeconds</c> of its own.</summary>
    public TimeSpan ReceiveMessageWaitTime => Settings.ReceiveMessageWaitTime ?? TimeSpan.Zero;

    /// <summary>The largest message, in bytes, the queue accepts (body and message attributes).</summary>
    public int MaximumMessageSize => Settings.MaximumMessageSize ?? DefaultMaximumMessageSize;

    public DateTimeOffset CreatedAt { get; } = time.GetUtcNow();

    public void Enqueue(SqsSentMessage message, TimeSpan delay)
    {
        TaskCompletionSource arrived;
        lock (_gate)
        {
            _messages.Add(new SqsQueuedMessage(message, time.GetUtcNow() + delay));
            arrived = _arrival;
            _arrival = NewArrival();
        }

        arrived.SetResult();
    }

    /// <summary>
    /// Takes in a message this queue's source moved to it as its dead-letter queue. It keeps its id, sent time, receive
    /// count and first receive time, and gains <c>DeadLetterQueueSourceArn</c>; it is visible at once.
    /// </summary>
    public void EnqueueDeadLetter(SqsDeadLetter moved, string sourceArn)
    {
        TaskCompletionSource arrived;
        lock (_gate)
        {
            _messages.Add(new SqsQueuedMessage(moved.Message with { QueueName = Name }, time.GetUtcNow(), moved, sourceArn));
            arrived = _arrival;
            _arrival = NewArrival();
        }

        arrived.SetResult();
    }

    /// <summary>
    /// Delivers up to <paramref name="maxMessages"/> visible messages. Messages over the redrive policy's receive count
    /// are removed and added to <paramref name="deadLettered"/> (the caller moves them, outside this queue's lock).
    /// </summary>
    public IReadOnlyList<SqsReceivedMessage> Receive(
        int maxMessages, TimeSpan? visibilityTimeout, List<SqsDeadLetter> deadLettered)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            DropExpired(now);
            var delivered = new List<SqsReceivedMessage>();
            foreach (var queued in _messages.Where(queued => queued.VisibleAt <= now).ToList())
            {
                if (delivered.Count == maxMessages)
                {
                    break;
                }

                if (Settings.RedrivePolicy is { } redrive && queued.ReceiveCount >= redrive.MaxReceiveCount)
                {
                    _messages.Remove(queued);
                    deadLettered.Add(new SqsDeadLetter(queued.Message, queued.ReceiveCount, queued.FirstReceivedAt));
                    continue;
                }

                var received = queued.Deliver(now, visibilityTimeout ?? VisibilityTimeout);
                if (duplicates?.Draw() == true)
                {
                    queued.ChangeVisibility(now, TimeSpan.Zero);
                }

                _receipts[received.ReceiptHandle] = queued;
                delivered.Add(received);
            }

            return delivered;
        }
    }

    /// <summary>
    /// Completes when a message is next enqueued, when a message in flight or delayed becomes visible, after
    /// <paramref name="timeout"/>, or on cancellation, whichever comes first. Never throws for cancellation.
    /// </summary>
    public Task WaitForArrivalAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task arrival;
        lock (_gate)
        {
            arrival = _arrival.Task;
            var now = time.GetUtcNow();
            foreach (var queued in _messages)
            {
                if (queued.VisibleAt <= now)
                {
                    // It became visible since the caller's last receive: no reason to wait.
                    return Task.CompletedTask;
                }

                // A timer may fire a little before the clock reaches its due time; the margin keeps the next receive
                // from finding the message still invisible.
                var untilVisible = queued.VisibleAt - now + VisibilityMargin;
                if (untilVisible < timeout)
                {
                    timeout = untilVisible;
                }
            }
        }

        return Task.WhenAny(arrival, Task.Delay(timeout, time, cancellationToken));
    }

    /// <summary>
    /// Deletes the message a receipt handle was issued for (again a success when it is already gone, as in SQS);
    /// false when this queue never issued the handle. A handle from an earlier receive of a message that has been
    /// received again since is a success that deletes nothing: "you must provide the most recently received
    /// ReceiptHandle for the message (otherwise, the request succeeds, but the message will not be deleted)"
    /// (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessage.html).
    /// </summary>
    public bool Delete(string receiptHandle)
    {
        lock (_gate)
        {
            if (!_receipts.TryGetValue(receiptHandle, out var queued))
            {
                return false;
            }

            if (queued.LatestReceiptHandle == receiptHandle)
            {
                _messages.Remove(queued);
            }

            return true;
        }
    }

    public SqsVisibilityChange ChangeVisibility(string receiptHandle, TimeSpan visibilityTimeout)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (!_receipts.TryGetValue(receiptHandle, out var queued))
            {
                return SqsVisibilityChange.UnknownReceiptHandle;
            }

            if (!_messages.Contains(queued))
            {
                return SqsVisibilityChange.MessageGone;
            }

            if (!queued.IsInFlight(now))
            {
                return SqsVisibilityChange.NotInFlight;
            }

            queued.ChangeVisibility(now, visibilityTimeout);
            return SqsVisibilityChange.Changed;
        }
    }

    /// <summary>Deletes every message; receipt handles issued before stay valid for DeleteMessage, as after a delete.</summary>
    public void Purge()
    {
        lock (_gate)
        {
            _messages.Clear();
        }
    }

    public SqsQueueCounts Count()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            DropExpired(now);
            var notVisible = _messages.Count(queued => queued.IsInFlight(now));
            var delayed = _messages.Count(queued => queued.IsDelayed(now));
            return new SqsQueueCounts(_messages.Count - notVisible - delayed, notVisible, delayed);
        }
    }

    private void DropExpired(DateTimeOffset now) =>
        _messages.RemoveAll(queued => queued.Message.SentAt + RetentionPeriod <= now);

    private static TaskCompletionSource NewArrival() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// The queue attributes the local service honours. Null means "SQS's default" (visibility timeout 30 s, retention
/// 4 days, no redrive, no delay, no long poll, 1 MiB messages) on creation, and "not specified" when compared with an
/// existing queue. <paramref name="MaximumMessageSize"/> is in bytes.
/// </summary>
public sealed record SqsQueueSettings(
    TimeSpan? VisibilityTimeout = null,
    TimeSpan? MessageRetentionPeriod = null,
    SqsRedrivePolicy? RedrivePolicy = null,
    TimeSpan? DelaySeconds = null,
    TimeSpan? ReceiveMessageWaitTime = null,
    int? MaximumMessageSize = null)
{
    public static readonly SqsQueueSettings Defaults = new();
}

/// <summary>The delivery state of one message while it is in a queue; guarded by its queue's lock.</summary>
internal sealed class SqsQueuedMessage(SqsSentMessage message, DateTimeOffset visibleAt)
{
    /// <summary>A message moved from <paramref name="sourceArn"/>, with the receives it had there.</summary>
    public SqsQueuedMessage(SqsSentMessage message, DateTimeOffset visibleAt, SqsDeadLetter moved, string sourceArn)
        : this(message, visibleAt)
    {
        ReceiveCount = moved.ReceiveCount;
        FirstReceivedAt = moved.FirstReceivedAt;
        DeadLetterQueueSourceArn = sourceArn;
    }

    public SqsSentMessage Message { get; } = message;

    public DateTimeOffset VisibleAt { get; private set; } = visibleAt;

    /// <summary>Receives in every queue the message has been in: a move to a dead-letter queue keeps the count.</summary>
    public int ReceiveCount { get; private set; }

    public DateTimeOffset? FirstReceivedAt { get; private set; }

    /// <summary>The queue this message was moved from, when this queue is its dead-letter queue.</summary>
    public string? DeadLetterQueueSourceArn { get; }

    /// <summary>The handle of the last receive: the only one DeleteMessage honours.</summary>
    public string? LatestReceiptHandle { get; private set; }

    /// <summary>Received and not yet visible again: SQS counts it as "not visible" (in flight).</summary>
    public bool IsInFlight(DateTimeOffset now) => LatestReceiptHandle is not null && VisibleAt > now;

    /// <summary>Never received from this queue and still within its delivery delay.</summary>
    public bool IsDelayed(DateTimeOffset now) => LatestReceiptHandle is null && VisibleAt > now;

    public SqsReceivedMessage Deliver(DateTimeOffset now, TimeSpan visibilityTimeout)
    {
        ReceiveCount++;
        FirstReceivedAt ??= now;
        VisibleAt = now + visibilityTimeout;
        var receiptHandle = Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + Message.MessageId;
        LatestReceiptHandle = receiptHandle;
        return new SqsReceivedMessage(Message, receiptHandle, ReceiveCount, FirstReceivedAt.Value, DeadLetterQueueSourceArn);
    }

    public void ChangeVisibility(DateTimeOffset now, TimeSpan visibilityTimeout) => VisibleAt = now + visibilityTimeout;
}

/// <summary>
/// One delivery of a queued message: what ReceiveMessage hands out. <paramref name="DeadLetterQueueSourceArn"/> is the
/// queue it was moved from, when it was.
/// </summary>
internal sealed record SqsReceivedMessage(
    SqsSentMessage Message,
    string ReceiptHandle,
    int ReceiveCount,
    DateTimeOffset FirstReceivedAt,
    string? DeadLetterQueueSourceArn = null);

/// <summary>
/// A message on its way to the dead-letter queue, with what SQS keeps of its life in the source queue: the receive
/// count and first receive time (and, in <see cref="SqsSentMessage"/>, its id and sent time, by which retention counts).
/// </summary>
internal sealed record SqsDeadLetter(SqsSentMessage Message, int ReceiveCount, DateTimeOffset? FirstReceivedAt);

/// <summary>The outcome of ChangeMessageVisibility on one receipt handle.</summary>
internal enum SqsVisibilityChange
{
    Changed,
    UnknownReceiptHandle,
    MessageGone,
    NotInFlight,
}

/// <summary>The approximate message counts GetQueueAttributes reports.</summary>
internal readonly record struct SqsQueueCounts(int Visible, int NotVisible, int Delayed);
