namespace OrderPipeline.TestHelpers.Sqs;

/// <summary>
/// One standard queue in memory: messages stay until deleted, and a received message is invisible to other receives
/// for its visibility timeout. Thread-safe.
/// </summary>
internal sealed class SqsQueue(string name, TimeSpan visibilityTimeout, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly List<SqsQueuedMessage> _messages = [];
    private readonly Dictionary<string, SqsQueuedMessage> _receipts = new(StringComparer.Ordinal);
    private TaskCompletionSource _arrival = NewArrival();

    public string Name { get; } = name;

    public TimeSpan VisibilityTimeout { get; } = visibilityTimeout;

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

    public IReadOnlyList<SqsReceivedMessage> Receive(int maxMessages, TimeSpan? visibilityTimeout)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var delivered = new List<SqsReceivedMessage>();
            foreach (var queued in _messages.Where(queued => queued.VisibleAt <= now).Take(maxMessages))
            {
                var received = queued.Deliver(now, visibilityTimeout ?? VisibilityTimeout);
                _receipts[received.ReceiptHandle] = queued;
                delivered.Add(received);
            }

            return delivered;
        }
    }

    /// <summary>Completes when a message is next enqueued, or after <paramref name="timeout"/>.</summary>
    public Task WaitForArrivalAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task arrival;
        lock (_gate)
        {
            arrival = _arrival.Task;
        }

        return Task.WhenAny(arrival, Task.Delay(timeout, time, cancellationToken));
    }

    /// <summary>
    /// Deletes the message a receipt handle was issued for (again a success when it is already gone, as in SQS);
    /// false when this queue never issued the handle.
    /// </summary>
    public bool Delete(string receiptHandle)
    {
        lock (_gate)
        {
            if (!_receipts.TryGetValue(receiptHandle, out var queued))
            {
                return false;
            }

            _messages.Remove(queued);
            return true;
        }
    }

    private static TaskCompletionSource NewArrival() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
