using LocalSqs = OrderPipeline.Local.Sqs;

namespace OrderPipeline.TestHelpers.Sqs;

/// <summary>
/// A message that <see cref="SqsEndpoint"/> accepted (see <see cref="LocalSqs.SqsSentMessage"/>); <see cref="SenderId"/>
/// is the access key id of the signed request.
/// </summary>
public sealed record SqsSentMessage(
    string QueueName,
    string MessageId,
    string SenderId,
    string Body,
    IReadOnlyDictionary<string, SqsAttributeValue> MessageAttributes,
    IReadOnlyDictionary<string, SqsAttributeValue> MessageSystemAttributes,
    DateTimeOffset SentAt)
{
    /// <summary>The <c>AWSTraceHeader</c> message system attribute, or null when the sender did not set it.</summary>
    public string? AwsTraceHeader =>
        MessageSystemAttributes.TryGetValue(LocalSqs.SqsSentMessage.TraceHeaderAttribute, out var value)
            ? value.StringValue
            : null;

    internal static SqsSentMessage From(LocalSqs.SqsSentMessage message) =>
        new(message.QueueName, message.MessageId, message.SenderId, message.Body,
            Convert(message.MessageAttributes), Convert(message.MessageSystemAttributes), message.SentAt);

    private static Dictionary<string, SqsAttributeValue> Convert(
        IReadOnlyDictionary<string, LocalSqs.SqsAttributeValue> attributes) =>
        attributes.ToDictionary(pair => pair.Key, pair => SqsAttributeValue.From(pair.Value), StringComparer.Ordinal);
}
