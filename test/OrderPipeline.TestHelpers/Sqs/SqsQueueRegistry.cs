using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OrderPipeline.TestHelpers.Sqs;

/// <summary>The queues of the one fake account, by name; maps queue URLs to queues as SQS does, by their path.</summary>
internal sealed partial class SqsQueueRegistry(TimeProvider time)
{
    public const string AccountId = "000000000000";
    public const int MaxVisibilityTimeoutSeconds = 43_200;
    public static readonly TimeSpan DefaultVisibilityTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, SqsQueue> _queues = new(StringComparer.Ordinal);

    public static string ServiceUrlFor(int port) => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");

    public static string QueueUrlFor(string serviceUrl, string name) => $"{serviceUrl}/{AccountId}/{name}";

    /// <summary>Creates the queue, or returns the existing one when no different visibility timeout is asked for.</summary>
    public SqsQueue Create(string name, TimeSpan? visibilityTimeout)
    {
        if (!QueueName().IsMatch(name))
        {
            throw new SqsProtocolException(SqsError.InvalidParameterValue(
                "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length"));
        }

        if (visibilityTimeout is { } timeout && (timeout < TimeSpan.Zero || timeout.TotalSeconds > MaxVisibilityTimeoutSeconds))
        {
            throw new SqsProtocolException(SqsError.InvalidParameterValue("Invalid value for the parameter "
                + $"VisibilityTimeout. Reason: must be between 0 and {MaxVisibilityTimeoutSeconds}."));
        }

        var queue = _queues.GetOrAdd(name, _ => new SqsQueue(name, visibilityTimeout ?? DefaultVisibilityTimeout, time));
        return visibilityTimeout is null || queue.VisibilityTimeout == visibilityTimeout
            ? queue
            : throw new SqsProtocolException(SqsError.QueueNameExists(name));
    }

    public SqsQueue ByName(string name) =>
        _queues.TryGetValue(name, out var queue) ? queue : throw new SqsProtocolException(SqsError.QueueDoesNotExist());

    /// <summary>Resolves <c>scheme://any-host/000000000000/name</c>; the host is not compared, as in SQS.</summary>
    public SqsQueue ByUrl(string queueUrl)
    {
        if (Uri.TryCreate(queueUrl, UriKind.Absolute, out var uri)
            && uri.AbsolutePath.Split('/') is ["", AccountId, var name])
        {
            return ByName(name);
        }

        throw new SqsProtocolException(SqsError.QueueDoesNotExist());
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,80}$")]
    private static partial Regex QueueName();
}
