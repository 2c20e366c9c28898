namespace OrderPipeline.Local.Sqs;

/// <summary>
/// A message that <see cref="SqsService"/> accepted through SendMessage or SendMessageBatch. <see cref="SenderId"/>
/// is the access key id of the signed request (the local service knows no IAM identities).
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
    public const string TraceHeaderAttribute = "AWSTraceHeader";

    /// <summary>The <c>AWSTraceHeader</c> message system attribute, or null when the sender did not set it.</summary>
    public string? AwsTraceHeader =>
        MessageSystemAttributes.TryGetValue(TraceHeaderAttribute, out var value) ? value.StringValue : null;
}
