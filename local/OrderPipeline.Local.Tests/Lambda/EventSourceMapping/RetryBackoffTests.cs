using OrderPipeline.Local.Lambda.EventSourceMapping;

namespace OrderPipeline.Local.Tests.Lambda.EventSourceMapping;

public sealed class RetryBackoffTests
{
    [Fact]
    public void Next_CalledRepeatedly_DoublesUpToTheMaximum()
    {
        var backoff = new RetryBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500));

        var delays = Enumerable.Range(0, 5).Select(_ => backoff.Next().TotalMilliseconds);

        Assert.Equal([100d, 200, 400, 500, 500], delays);
    }

    [Fact]
    public void Reset_AfterDelays_StartsAgainFromTheInitialDelay()
    {
        var backoff = new RetryBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));
        backoff.Next();
        backoff.Next();

        backoff.Reset();

        Assert.Equal(TimeSpan.FromMilliseconds(100), backoff.Next());
    }
}
