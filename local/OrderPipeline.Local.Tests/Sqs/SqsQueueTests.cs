using OrderPipeline.Local.Sqs;
using OrderPipeline.Local.Stack;
using OrderPipeline.TestHelpers.Time;

namespace OrderPipeline.Local.Tests.Sqs;

public sealed class SqsQueueTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    private readonly ManualTimeProvider _clock = new(Start);

    [Fact]
    public void WaitForArrivalAsync_MessageBecameVisibleSinceTheLastReceive_CompletesAtOnce()
    {
        var queue = Queue();
        queue.Enqueue(Message(), TimeSpan.Zero);
        Assert.Single(queue.Receive(10, TimeSpan.FromSeconds(1), []));
        _clock.Now = Start.AddSeconds(1);

        var wait = queue.WaitForArrivalAsync(TimeSpan.FromSeconds(20), CancellationToken.None);

        Assert.True(wait.IsCompleted);
    }

    [Fact]
    public async Task WaitForArrivalAsync_MessageInFlight_WaitsAndCompletesOnTheNextSend()
    {
        var queue = Queue();
        queue.Enqueue(Message(), TimeSpan.Zero);
        Assert.Single(queue.Receive(10, TimeSpan.FromSeconds(30), []));

        var wait = queue.WaitForArrivalAsync(TimeSpan.FromSeconds(20), CancellationToken.None);
        Assert.False(wait.IsCompleted);
        queue.Enqueue(Message(), TimeSpan.Zero);

        await wait.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Receive_WithDuplicateDeliveriesOfShareOne_LeavesTheMessageVisibleAndCountsTheDuplicate()
    {
        var tally = new FaultTally();
        var queue = Queue(new SqsDuplicateDeliveries(1, 7, tally));
        queue.Enqueue(Message(), TimeSpan.Zero);

        var first = Assert.Single(queue.Receive(10, TimeSpan.FromSeconds(30), []));
        var second = Assert.Single(queue.Receive(10, TimeSpan.FromSeconds(30), []));

        Assert.Equal(first.Message.MessageId, second.Message.MessageId);
        Assert.Equal((1, 2), (first.ReceiveCount, second.ReceiveCount));
        Assert.Equal([new InjectedFault("ReceiveMessage", "DuplicateDelivery", 2)], tally.Snapshot());
    }

    [Fact]
    public void Receive_WithDuplicateDeliveriesOfShareZero_KeepsTheMessageInvisible()
    {
        var tally = new FaultTally();
        var queue = Queue(new SqsDuplicateDeliveries(0, 7, tally));
        queue.Enqueue(Message(), TimeSpan.Zero);

        Assert.Single(queue.Receive(10, TimeSpan.FromSeconds(30), []));
        Assert.Empty(queue.Receive(10, TimeSpan.FromSeconds(30), []));
        Assert.Empty(tally.Snapshot());
    }

    private SqsQueue Queue(SqsDuplicateDeliveries? duplicates = null) =>
        new("orders", "arn:aws:sqs:us-east-1:000000000000:orders", SqsQueueSettings.Defaults, _clock, duplicates);

    private SqsSentMessage Message() =>
        new("orders", Guid.NewGuid().ToString(), "test", "body", new Dictionary<string, SqsAttributeValue>(),
            new Dictionary<string, SqsAttributeValue>(), _clock.Now);
}
