using System.Net.Sockets;
using Amazon.Runtime;

namespace OrderPipeline.Local.Lambda.EventSourceMapping;

/// <summary>
/// Exponential back-off for one caller: the initial delay, then doubling up to the maximum; a success starts it over.
/// Not thread-safe (each poller and each delete has its own).
/// </summary>
internal sealed class RetryBackoff
{
    public static readonly TimeSpan DefaultInitial = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan DefaultMaximum = TimeSpan.FromSeconds(5);

    private readonly TimeSpan _initial;
    private readonly TimeSpan _maximum;
    private TimeSpan _next;

    public RetryBackoff(TimeSpan initial, TimeSpan maximum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximum, initial);
        _initial = initial;
        _maximum = maximum;
        _next = initial;
    }

    /// <summary>The delay before the next attempt; each call doubles the one after.</summary>
    public TimeSpan Next()
    {
        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, _maximum.Ticks));
        return delay;
    }

    public void Reset() => _next = _initial;
}

/// <summary>The failures of an SQS call that a poller outlives: service errors, throttling, an unreachable endpoint.</summary>
internal static class SqsFaults
{
    /// <summary>
    /// True for what the SDK throws when SQS answers with an error or cannot be reached, including an HTTP timeout
    /// (a cancellation that <paramref name="stopping"/> did not ask for).
    /// </summary>
    public static bool IsTransient(Exception error, CancellationToken stopping) =>
        error is AmazonServiceException or AmazonClientException or HttpRequestException or IOException
            or SocketException or TimeoutException
        || (error is OperationCanceledException && !stopping.IsCancellationRequested);
}
