using OrderPipeline.Local.Sqs;
using OrderPipeline.Local.Sqs.Queues;
using OrderPipeline.TestHelpers.Time;

namespace OrderPipeline.Local.Tests.Sqs.Queues;

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

    private SqsQueue Queue() =>
        new("orders", "arn:aws:sqs:us-east-1:000000000000:orders", SqsQueueSettings.Defaults, _clock);

    private SqsSentMessage Message() =>
        new("orders", Guid.NewGuid().ToString(), "test", "body", new Dictionary<string, SqsAttributeValue>(),
            new Dictionary<string, SqsAttributeValue>(), _clock.Now);
}
