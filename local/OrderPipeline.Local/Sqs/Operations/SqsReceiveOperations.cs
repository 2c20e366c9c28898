using System.Globalization;
using System.Text.Json;

namespace OrderPipeline.Local.Sqs.Operations;

/// <summary>
/// ReceiveMessage with long polling; moves messages past their redrive policy's receive count to the dead-letter queue.
/// </summary>
internal sealed class SqsReceiveOperations(SqsQueueRegistry queues, TimeProvider time)
{
    private const int MaxMessagesPerReceive = 10;
    private const int MaxWaitTimeSeconds = 20;
    private const string All = "All";

    /// <summary>
    /// The system attribute of a message SQS moved to a dead-letter queue: the source queue's ARN
    /// (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html).
    /// </summary>
    public const string DeadLetterQueueSourceArn = "DeadLetterQueueSourceArn";

    public async Task ReceiveMessageAsync(SqsCall call)
    {
        var request = call.Request;
        var queue = queues.ByUrl(SqsJson.RequiredString(request, "QueueUrl"));
        var maxMessages = Bounded(request, "MaxNumberOfMessages", 1, MaxMessagesPerReceive) ?? 1;
        var visibility = Bounded(request, "VisibilityTimeout", 0, SqsQueueRegistry.MaxVisibilityTimeoutSeconds);
        // Without WaitTimeSeconds the queue's ReceiveMessageWaitTimeSeconds applies (0 unless set: a short poll).
        var wait = Bounded(request, "WaitTimeSeconds", 0, MaxWaitTimeSeconds) is { } waitSeconds
            ? TimeSpan.FromSeconds(waitSeconds)
            : queue.ReceiveMessageWaitTime;
        var systemNames = SqsJson.StringList(request, "AttributeNames")
            .Concat(SqsJson.StringList(request, "MessageSystemAttributeNames")).ToHashSet(StringComparer.Ordinal);
        var attributeNames = SqsJson.StringList(request, "MessageAttributeNames");

        var visibilityTimeout = visibility is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        var deadline = time.GetUtcNow() + wait;
        var received = Receive(queue, maxMessages, visibilityTimeout);
        while (received.Count == 0 && time.GetUtcNow() < deadline && !call.CancellationToken.IsCancellationRequested)
        {
            await queue.WaitForArrivalAsync(deadline - time.GetUtcNow(), call.CancellationToken).ConfigureAwait(false);
            received = Receive(queue, maxMessages, visibilityTimeout);
        }

        var writer = call.Writer;
        writer.WriteStartObject();
        if (received.Count > 0)
        {
            writer.WriteStartArray("Messages");
            foreach (var delivery in received)
            {
                WriteMessage(writer, delivery, systemNames, attributeNames);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private IReadOnlyList<SqsReceivedMessage> Receive(SqsQueue queue, int maxMessages, TimeSpan? visibilityTimeout)
    {
        var deadLettered = new List<SqsDeadLetter>();
        var received = queue.Receive(maxMessages, visibilityTimeout, deadLettered);
        if (deadLettered.Count > 0
            && queue.Settings.RedrivePolicy is { } redrive
            && queues.ByArn(redrive.DeadLetterTargetArn) is { } deadLetterQueue)
        {
            foreach (var moved in deadLettered)
            {
                deadLetterQueue.EnqueueDeadLetter(moved, queue.Arn);
            }
        }

        return received;
    }

    private static void WriteMessage(
        Utf8JsonWriter writer, SqsReceivedMessage delivery, HashSet<string> systemNames, IReadOnlyList<string> attributeNames)
    {
        var message = delivery.Message;
        writer.WriteStartObject();
        writer.WriteString("MessageId", message.MessageId);
        writer.WriteString("ReceiptHandle", delivery.ReceiptHandle);
        writer.WriteString("MD5OfBody", SqsMessageDigest.OfBody(message.Body));
        writer.WriteString("Body", message.Body);

        var systemAttributes = SystemAttributes(delivery)
            .Where(pair => systemNames.Contains(All) || systemNames.Contains(pair.Key)).ToList();
        if (systemAttributes.Count > 0)
        {
            writer.WriteStartObject("Attributes");
            foreach (var (name, value) in systemAttributes)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        var attributes = message.MessageAttributes
            .Where(pair => attributeNames.Any(selector => Selects(selector, pair.Key)))
            .ToDictionary(StringComparer.Ordinal);
        if (attributes.Count > 0)
        {
            writer.WriteString("MD5OfMessageAttributes", SqsMessageDigest.OfAttributes(attributes));
            SqsJson.WriteAttributes(writer, "MessageAttributes", attributes);
        }

        writer.WriteEndObject();
    }

    private static IEnumerable<KeyValuePair<string, string>> SystemAttributes(SqsReceivedMessage delivery)
    {
        yield return new("SenderId", delivery.Message.SenderId);
        yield return new("SentTimestamp", EpochMilliseconds(delivery.Message.SentAt));
        yield return new("ApproximateReceiveCount", delivery.ReceiveCount.ToString(CultureInfo.InvariantCulture));
        yield return new("ApproximateFirstReceiveTimestamp", EpochMilliseconds(delivery.FirstReceivedAt));
        if (delivery.Message.AwsTraceHeader is { } traceHeader)
        {
            yield return new(SqsSentMessage.TraceHeaderAttribute, traceHeader);
        }

        if (delivery.DeadLetterQueueSourceArn is { } sourceArn)
        {
            yield return new(DeadLetterQueueSourceArn, sourceArn);
        }
    }

    /// <summary><c>All</c> and <c>.*</c> select every attribute, <c>prefix.*</c> those under the prefix.</summary>
    private static bool Selects(string selector, string name) =>
        selector is All or ".*"
        || selector == name
        || (selector.EndsWith(".*", StringComparison.Ordinal)
            && name.StartsWith(selector[..^1], StringComparison.Ordinal));

    private static int? Bounded(JsonElement request, string name, int min, int max)
    {
        var value = SqsJson.OptionalInt(request, name);
        return value is null || (value >= min && value <= max)
            ? value
            : throw new SqsProtocolException(SqsError.InvalidParameterValue(
                $"Value {value} for parameter {name} is invalid. Reason: Must be between {min} and {max}, if provided."));
    }

    private static string EpochMilliseconds(DateTimeOffset time) =>
        time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
}
