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

/// <summary>
/// One message attribute or message system attribute as SQS holds it: a data type (<c>String</c>, <c>Number</c>,
/// <c>Binary</c>, optionally with a <c>.custom</c> suffix) and either a string value or the decoded binary value.
/// </summary>
public sealed record SqsAttributeValue(string DataType, string? StringValue, byte[]? BinaryValue)
{
    public static SqsAttributeValue FromString(string value) => new("String", value, null);

    public static SqsAttributeValue FromNumber(string value) => new("Number", value, null);

    public static SqsAttributeValue FromBinary(byte[] value) => new("Binary", null, value);

    /// <summary>True when <see cref="DataType"/> is <c>Binary</c> or <c>Binary.*</c>.</summary>
    public bool IsBinary => HasBaseType(DataType, "Binary");

    internal static bool HasBaseType(string dataType, string baseType) =>
        dataType.StartsWith(baseType, StringComparison.Ordinal)
        && (dataType.Length == baseType.Length || dataType[baseType.Length] == '.');
}
