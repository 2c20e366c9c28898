using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OrderPipeline.Local.Sqs;

/// <summary>
/// The queues of the one local account, by name; maps queue URLs (by their path, as SQS does) and queue ARNs
/// (<c>arn:aws:sqs:&lt;region&gt;:000000000000:&lt;name&gt;</c>) to queues. Every queue it creates leaves the deliveries
/// <paramref name="duplicates"/> picks visible (none when null).
/// </summary>
internal sealed partial class SqsQueueRegistry(string region, TimeProvider time, SqsDuplicateDeliveries? duplicates = null)
{
    public const int MaxVisibilityTimeoutSeconds = 43_200;
    public const int MinRetentionSeconds = 60;
    public const int MaxRetentionSeconds = 1_209_600;
    public const int MaxDelaySeconds = 900;
    public const int MaxReceiveMessageWaitTimeSeconds = 20;
    public const int MinMaximumMessageSize = 1_024;

    private static readonly SearchValues<char> HostCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-:");

    private static readonly SearchValues<char> NameCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private readonly ConcurrentDictionary<string, SqsQueue> _queues = new(StringComparer.Ordinal);
    private readonly Lock _creating = new();

    public static string ServiceUrlFor(int port) => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");

    public static string QueueUrlFor(string serviceUrl, string name) => $"{serviceUrl}/{LocalAccount.Id}/{name}";

    public string ArnFor(string name) => $"arn:aws:sqs:{region}:{LocalAccount.Id}:{name}";

    public IEnumerable<SqsQueue> All => _queues.Values.OrderBy(queue => queue.Name, StringComparer.Ordinal);

    /// <summary>
    /// Creates the queue, or returns the existing one when every attribute asked for matches it; refuses a redrive
    /// policy whose dead-letter queue does not exist.
    /// </summary>
    public SqsQueue Create(string name, SqsQueueSettings settings)
    {
        if (!QueueName().IsMatch(name))
        {
            throw Invalid("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        }

        Validate(settings);
        lock (_creating)
        {
            if (_queues.TryGetValue(name, out var existing))
            {
                return Matches(existing, settings)
                    ? existing
                    : throw new SqsProtocolException(SqsError.QueueNameExists(name));
            }

            var queue = new SqsQueue(name, ArnFor(name), settings, time, duplicates);
            _queues[name] = queue;
            return queue;
        }
    }

    public SqsQueue ByName(string name) =>
        _queues.TryGetValue(name, out var queue) ? queue : throw new SqsProtocolException(SqsError.QueueDoesNotExist());

    /// <summary>Resolves <c>scheme://any-host/000000000000/name</c>; the host is not compared, as in SQS.</summary>
    public SqsQueue ByUrl(string queueUrl)
    {
        if (PlainQueueName(queueUrl) is { } plain)
        {
            return ByName(plain);
        }

        if (Uri.TryCreate(queueUrl, UriKind.Absolute, out var uri)
            && uri.AbsolutePath.Split('/') is ["", LocalAccount.Id, var name])
        {
            return ByName(name);
        }

        throw new SqsProtocolException(SqsError.QueueDoesNotExist());
    }

    /// <summary>
    /// The name in <c>http[s]://host[:port]/000000000000/name</c> when the URL is that plain (a host of letters, digits,
    /// dots, hyphens and a port; a name of letters, digits, hyphens and underscores), read without building a
    /// <see cref="Uri"/>, which was a tenth of the endpoint's own work per SendMessage; null for anything else, which
    /// <see cref="ByUrl"/> leaves to <see cref="Uri"/>.
    /// </summary>
    private static string? PlainQueueName(string queueUrl)
    {
        var rest = queueUrl.AsSpan();
        if (rest.StartsWith("http://", StringComparison.Ordinal))
        {
            rest = rest["http://".Length..];
        }
        else if (rest.StartsWith("https://", StringComparison.Ordinal))
        {
            rest = rest["https://".Length..];
        }
        else
        {
            return null;
        }

        var slash = rest.IndexOf('/');
        if (slash <= 0 || rest[..slash].ContainsAnyExcept(HostCharacters))
        {
            return null;
        }

        rest = rest[(slash + 1)..];
        if (!rest.StartsWith(LocalAccount.Id, StringComparison.Ordinal) || rest.Length < LocalAccount.Id.Length + 2
            || rest[LocalAccount.Id.Length] != '/')
        {
            return null;
        }

        var name = rest[(LocalAccount.Id.Length + 1)..];
        return name.ContainsAnyExcept(NameCharacters) ? null : name.ToString();
    }

    /// <summary>The queue with this ARN, or null.</summary>
    public SqsQueue? ByArn(string arn) =>
        arn.Split(':') is ["arn", "aws", "sqs", var arnRegion, LocalAccount.Id, var name]
        && arnRegion == region && _queues.TryGetValue(name, out var queue)
            ? queue
            : null;

    private void Validate(SqsQueueSettings settings)
    {
        if (settings.VisibilityTimeout is { } timeout
            && (timeout < TimeSpan.Zero || timeout.TotalSeconds > MaxVisibilityTimeoutSeconds))
        {
            throw Invalid("Invalid value for the parameter VisibilityTimeout. "
                + $"Reason: must be between 0 and {MaxVisibilityTimeoutSeconds}.");
        }

        if (settings.MessageRetentionPeriod is { } retention
            && (retention.TotalSeconds < MinRetentionSeconds || retention.TotalSeconds > MaxRetentionSeconds))
        {
            throw Invalid("Invalid value for the parameter MessageRetentionPeriod. "
                + $"Reason: must be between {MinRetentionSeconds} and {MaxRetentionSeconds}.");
        }

        RequireSeconds(settings.DelaySeconds, "DelaySeconds", MaxDelaySeconds);
        RequireSeconds(settings.ReceiveMessageWaitTime, "ReceiveMessageWaitTimeSeconds", MaxReceiveMessageWaitTimeSeconds);
        if (settings.MaximumMessageSize is < MinMaximumMessageSize or > SqsQueue.DefaultMaximumMessageSize)
        {
            throw Invalid("Invalid value for the parameter MaximumMessageSize. "
                + $"Reason: must be between {MinMaximumMessageSize} and {SqsQueue.DefaultMaximumMessageSize}.");
        }

        if (settings.RedrivePolicy is { } redrive && ByArn(redrive.DeadLetterTargetArn) is null)
        {
            throw Invalid("Value " + redrive.ToJson() + " for parameter RedrivePolicy is invalid. "
                + "Reason: Dead letter target does not exist.");
        }
    }

    private static void RequireSeconds(TimeSpan? value, string name, int max)
    {
        if (value is { } seconds && (seconds < TimeSpan.Zero || seconds.TotalSeconds > max))
        {
            throw Invalid($"Invalid value for the parameter {name}. Reason: must be between 0 and {max}.");
        }
    }

    private static bool Matches(SqsQueue existing, SqsQueueSettings asked) =>
        (asked.VisibilityTimeout is null || asked.VisibilityTimeout == existing.VisibilityTimeout)
        && (asked.MessageRetentionPeriod is null || asked.MessageRetentionPeriod == existing.RetentionPeriod)
        && (asked.RedrivePolicy is null || asked.RedrivePolicy == existing.Settings.RedrivePolicy)
        && (asked.DelaySeconds is null || asked.DelaySeconds == existing.Delay)
        && (asked.ReceiveMessageWaitTime is null || asked.ReceiveMessageWaitTime == existing.ReceiveMessageWaitTime)
        && (asked.MaximumMessageSize is null || asked.MaximumMessageSize == existing.MaximumMessageSize);

    private static SqsProtocolException Invalid(string message) => new(SqsError.InvalidParameterValue(message));

    [GeneratedRegex("^[A-Za-z0-9_-]{1,80}$")]
    private static partial Regex QueueName();
}
