using System.Globalization;
using System.Text.Json;

namespace OrderPipeline.Local.Sqs.Operations;

/// <summary>
/// Queue attributes on the wire: reads CreateQueue's <c>Attributes</c> map into <see cref="SqsQueueSettings"/> and
/// writes GetQueueAttributes' answer. Attribute values are strings, times in seconds, timestamps in epoch seconds.
/// </summary>
internal static class SqsQueueAttributes
{
    public const string All = "All";
    public const string VisibilityTimeout = "VisibilityTimeout";
    public const string MessageRetentionPeriod = "MessageRetentionPeriod";
    public const string RedrivePolicy = "RedrivePolicy";
    public const string DelaySeconds = "DelaySeconds";
    public const string ReceiveMessageWaitTimeSeconds = "ReceiveMessageWaitTimeSeconds";
    public const string MaximumMessageSize = "MaximumMessageSize";
    public const string QueueArn = "QueueArn";
    public const string ApproximateNumberOfMessages = "ApproximateNumberOfMessages";
    public const string ApproximateNumberOfMessagesNotVisible = "ApproximateNumberOfMessagesNotVisible";
    public const string ApproximateNumberOfMessagesDelayed = "ApproximateNumberOfMessagesDelayed";
    public const string CreatedTimestamp = "CreatedTimestamp";

    /// <summary>Attributes SQS knows that the local service accepts on CreateQueue without acting on them.</summary>
    private static readonly HashSet<string> AcceptedOnly = new(StringComparer.Ordinal)
    {
        "Policy", "KmsMasterKeyId",
        "KmsDataKeyReusePeriodSeconds", "SqsManagedSseEnabled", "RedriveAllowPolicy",
    };

    public static SqsQueueSettings Read(JsonElement request)
    {
        if (SqsJson.Member(request, "Attributes", JsonValueKind.Object) is not { } attributes)
        {
            return SqsQueueSettings.Defaults;
        }

        var settings = SqsQueueSettings.Defaults;
        foreach (var attribute in attributes.EnumerateObject())
        {
            var text = attribute.Value.ValueKind == JsonValueKind.String ? attribute.Value.GetString()! : string.Empty;
            settings = attribute.Name switch
            {
                VisibilityTimeout => settings with { VisibilityTimeout = Seconds(attribute.Name, text) },
                MessageRetentionPeriod => settings with { MessageRetentionPeriod = Seconds(attribute.Name, text) },
                DelaySeconds => settings with { DelaySeconds = Seconds(attribute.Name, text) },
                ReceiveMessageWaitTimeSeconds => settings with { ReceiveMessageWaitTime = Seconds(attribute.Name, text) },
                MaximumMessageSize => settings with { MaximumMessageSize = WholeNumber(attribute.Name, text) },
                RedrivePolicy => settings with
                {
                    RedrivePolicy = SqsRedrivePolicy.TryParse(text) ?? throw Invalid(attribute.Name, text),
                },
                _ when AcceptedOnly.Contains(attribute.Name) => settings,
                _ => throw new SqsProtocolException(SqsError.InvalidAttributeName(attribute.Name)),
            };
        }

        return settings;
    }

    public static void Write(Utf8JsonWriter writer, SqsQueue queue, IReadOnlyCollection<string> names)
    {
        var counts = queue.Count();
        var values = new List<(string Name, string? Value)>
        {
            (QueueArn, queue.Arn),
            (ApproximateNumberOfMessages, Text(counts.Visible)),
            (ApproximateNumberOfMessagesNotVisible, Text(counts.NotVisible)),
            (ApproximateNumberOfMessagesDelayed, Text(counts.Delayed)),
            (VisibilityTimeout, Text((long)queue.VisibilityTimeout.TotalSeconds)),
            (MessageRetentionPeriod, Text((long)queue.RetentionPeriod.TotalSeconds)),
            (DelaySeconds, Text((long)queue.Delay.TotalSeconds)),
            (ReceiveMessageWaitTimeSeconds, Text((long)queue.ReceiveMessageWaitTime.TotalSeconds)),
            (MaximumMessageSize, Text(queue.MaximumMessageSize)),
            (CreatedTimestamp, Text(queue.CreatedAt.ToUnixTimeSeconds())),
            (RedrivePolicy, queue.Settings.RedrivePolicy?.ToJson()),
        };
        foreach (var name in names.Where(name => name != All && values.TrueForAll(value => value.Name != name)))
        {
            throw new SqsProtocolException(SqsError.InvalidAttributeName(name));
        }

        writer.WriteStartObject();
        writer.WriteStartObject("Attributes");
        foreach (var (name, value) in values)
        {
            if (value is not null && (names.Contains(All) || names.Contains(name)))
            {
                writer.WriteString(name, value);
            }
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static TimeSpan Seconds(string name, string text) => TimeSpan.FromSeconds(WholeNumber(name, text));

    private static int WholeNumber(string name, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw Invalid(name, text);

    private static SqsProtocolException Invalid(string name, string text) =>
        new(SqsError.InvalidParameterValue($"Invalid value for the parameter {name}: {text}"));

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
