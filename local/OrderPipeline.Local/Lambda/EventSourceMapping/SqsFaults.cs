using System.Net.Sockets;
using Amazon.Runtime;

namespace OrderPipeline.Local.Lambda.EventSourceMapping;

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
