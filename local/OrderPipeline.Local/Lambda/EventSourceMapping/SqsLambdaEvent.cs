using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Amazon.SQS.Model;
using OrderPipeline.Local.Sqs;

namespace OrderPipeline.Local.Lambda.EventSourceMapping;

/// <summary>
/// The event Lambda's SQS poller gives the function: <c>{"Records":[…]}</c>, one record per received message, with
/// Lambda's field names and order. System attributes are strings (times in epoch ms), binary attribute values base64.
/// </summary>
internal static class SqsLambdaEvent
{
    public const string EventSource = "aws:sqs";

    /// <summary>The system attributes in the order Lambda writes them; any others follow in ordinal order.</summary>
    private static readonly string[] KnownAttributes =
        ["ApproximateReceiveCount", "SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp", SqsSentMessage.TraceHeaderAttribute];

    /// <summary>The bytes of <c>{"Records":[]}</c> around the records.</summary>
    private const int EnvelopeBytes = 14;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="messages">The batch, as ReceiveMessage returned it (all system and message attributes).</param>
    /// <param name="eventSourceArn">The queue's ARN.</param>
    /// <param name="region">The queue's region.</param>
    public static byte[] Write(IReadOnlyList<Message> messages, string eventSourceArn, string region)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("Records");
            foreach (var message in messages)
            {
                WriteRecord(writer, message, eventSourceArn, region);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>One record alone, as it appears in <see cref="Write"/>'s <c>Records</c>.</summary>
    public static byte[] WriteRecord(Message message, string eventSourceArn, string region)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteRecord(writer, message, eventSourceArn, region);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The batch as the events Lambda invokes the function with: as many records, in order, as fit in
    /// <paramref name="maxPayloadBytes"/> each (Lambda's 6 MB synchronous payload limit), so an oversized batch becomes
    /// several invocations of fewer records. A record too large to fit even alone is an event of its own.
    /// </summary>
    public static IReadOnlyList<(IReadOnlyList<Message> Records, byte[] Payload)> WriteWithin(
        IReadOnlyList<Message> messages, string eventSourceArn, string region, int maxPayloadBytes)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var events = new List<(IReadOnlyList<Message>, byte[])>();
        var part = new List<Message>();
        var records = new List<byte[]>();
        var size = EnvelopeBytes;
        foreach (var message in messages)
        {
            // Each record is written once; an event is its records between the envelope's two halves.
            var record = WriteRecord(message, eventSourceArn, region);
            if (records.Count > 0 && size + 1 + record.Length > maxPayloadBytes)
            {
                events.Add((part, Compose(records)));
                (part, records, size) = ([], [], EnvelopeBytes);
            }

            size += record.Length + (records.Count > 0 ? 1 : 0);
            part.Add(message);
            records.Add(record);
        }

        if (part.Count > 0)
        {
            events.Add((part, Compose(records)));
        }

        return events;
    }

    /// <summary><c>{"Records":[</c>, the records separated by commas, <c>]}</c>: what <see cref="Write"/> writes.</summary>
    private static byte[] Compose(List<byte[]> records)
    {
        var opening = "{\"Records\":["u8;
        var payload = new byte[EnvelopeBytes + records.Sum(record => record.Length) + records.Count - 1];
        opening.CopyTo(payload);
        var at = opening.Length;
        for (var index = 0; index < records.Count; index++)
        {
            if (index > 0)
            {
                payload[at++] = (byte)',';
            }

            records[index].CopyTo(payload, at);
            at += records[index].Length;
        }

        "]}"u8.CopyTo(payload.AsSpan(at));
        return payload;
    }

    private static void WriteRecord(Utf8JsonWriter writer, Message message, string eventSourceArn, string region)
    {
        writer.WriteStartObject();
        writer.WriteString("messageId", message.MessageId);
        writer.WriteString("receiptHandle", message.ReceiptHandle);
        writer.WriteString("body", message.Body);
        WriteAttributes(writer, message.Attributes);
        var attributes = message.MessageAttributes ?? [];
        writer.WriteStartObject("messageAttributes");
        foreach (var (name, value) in attributes.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(name);
            WriteAttributeValue(writer, value);
        }

        writer.WriteEndObject();
        writer.WriteString("md5OfBody", message.MD5OfBody);
        if (attributes.Count > 0)
        {
            writer.WriteString("md5OfMessageAttributes", message.MD5OfMessageAttributes);
        }

        writer.WriteString("eventSource", EventSource);
        writer.WriteString("eventSourceARN", eventSourceArn);
        writer.WriteString("awsRegion", region);
        writer.WriteEndObject();
    }

    private static void WriteAttributes(Utf8JsonWriter writer, Dictionary<string, string>? attributes)
    {
        writer.WriteStartObject("attributes");
        if (attributes is not null)
        {
            foreach (var name in KnownAttributes)
            {
                if (attributes.TryGetValue(name, out var value))
                {
                    writer.WriteString(name, value);
                }
            }

            foreach (var (name, value) in attributes.Where(pair => !KnownAttributes.Contains(pair.Key))
                         .OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                writer.WriteString(name, value);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteAttributeValue(Utf8JsonWriter writer, MessageAttributeValue value)
    {
        writer.WriteStartObject();
        if (value.StringValue is not null)
        {
            writer.WriteString("stringValue", value.StringValue);
        }

        if (value.BinaryValue is not null)
        {
            writer.WriteBase64String("binaryValue", value.BinaryValue.ToArray());
        }

        writer.WriteStartArray("stringListValues");
        foreach (var item in value.StringListValues ?? [])
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("binaryListValues");
        foreach (var item in value.BinaryListValues ?? [])
        {
            writer.WriteBase64StringValue(item.ToArray());
        }

        writer.WriteEndArray();
        writer.WriteString("dataType", value.DataType);
        writer.WriteEndObject();
    }
}
