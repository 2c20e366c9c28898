using Amazon.Runtime;
using Amazon.SQS.Model;

namespace OrderPipeline.Tracing.AwsSdk;

/// <summary>
/// Sets the <c>AWSTraceHeader</c> message system attribute on a <see cref="SendMessageRequest"/> or on every entry of
/// a <see cref="SendMessageBatchRequest"/>, replacing a value the caller set. The caller's dictionaries are never
/// written: each message gets a copy, and <see cref="Restore"/> puts the caller's own dictionary (or null) back.
/// </summary>
internal sealed class SqsTraceHeaderInjection
{
    internal const string AttributeName = "AWSTraceHeader";
    private const string StringDataType = "String";

    private readonly SendMessageRequest? _message;
    private readonly Dictionary<string, MessageSystemAttributeValue>? _messageAttributes;
    private readonly (SendMessageBatchRequestEntry Entry, Dictionary<string, MessageSystemAttributeValue>? Attributes)[] _entries;

    private SqsTraceHeaderInjection(
        SendMessageRequest? message,
        Dictionary<string, MessageSystemAttributeValue>? messageAttributes,
        (SendMessageBatchRequestEntry, Dictionary<string, MessageSystemAttributeValue>?)[] entries)
    {
        _message = message;
        _messageAttributes = messageAttributes;
        _entries = entries;
    }

    /// <summary>Null when <paramref name="request"/> sends no SQS message.</summary>
    public static SqsTraceHeaderInjection? Apply(AmazonWebServiceRequest? request, string traceHeader)
    {
        switch (request)
        {
            case SendMessageRequest message:
                var previous = message.MessageSystemAttributes;
                message.MessageSystemAttributes = WithTraceHeader(previous, traceHeader);
                return new SqsTraceHeaderInjection(message, previous, []);
            case SendMessageBatchRequest { Entries: { } entries }:
                var saved = new List<(SendMessageBatchRequestEntry, Dictionary<string, MessageSystemAttributeValue>?)>(entries.Count);
                foreach (var entry in entries)
                {
                    if (entry is not null)
                    {
                        saved.Add((entry, entry.MessageSystemAttributes));
                        entry.MessageSystemAttributes = WithTraceHeader(entry.MessageSystemAttributes, traceHeader);
                    }
                }

                return new SqsTraceHeaderInjection(null, null, [.. saved]);
            default:
                return null;
        }
    }

    public void Restore()
    {
        _message?.MessageSystemAttributes = _messageAttributes;
        foreach (var (entry, attributes) in _entries)
        {
            entry.MessageSystemAttributes = attributes;
        }
    }

    private static Dictionary<string, MessageSystemAttributeValue> WithTraceHeader(
        Dictionary<string, MessageSystemAttributeValue>? attributes, string traceHeader)
    {
        var copy = attributes is null
            ? new Dictionary<string, MessageSystemAttributeValue>(1, StringComparer.Ordinal)
            : new Dictionary<string, MessageSystemAttributeValue>(attributes, attributes.Comparer);
        copy[AttributeName] = new MessageSystemAttributeValue { DataType = StringDataType, StringValue = traceHeader };
        return copy;
    }
}
