using System.Text.Json;

namespace OrderPipeline.Local.Sqs.Operations;

/// <summary>SendMessage and SendMessageBatch: validate, enqueue, record, and answer with the SQS digests.</summary>
internal sealed class SqsSendOperations(
    SqsQueueRegistry queues, SqsEvents? events, TimeProvider time, SqsRandomIds ids)
{
    public Task SendMessageAsync(SqsCall call)
    {
        var queue = queues.ByUrl(SqsJson.RequiredString(call.Request, "QueueUrl"));
        var draft = ReadDraft(call.Request, queue);
        SqsMessageValidator.ValidateSize(draft.Size, queue.MaximumMessageSize);
        var message = Accept(queue, draft, call.SenderId, call.TraceHeader);

        call.Writer.WriteStartObject();
        WriteResult(call.Writer, message, draft);
        call.Writer.WriteEndObject();
        return Task.CompletedTask;
    }

    public Task SendMessageBatchAsync(SqsCall call)
    {
        var queue = queues.ByUrl(SqsJson.RequiredString(call.Request, "QueueUrl"));
        var entries = SqsBatch.ReadEntries(call.Request, "SendMessageBatchRequestEntry");
        var drafts = new List<(string Id, Draft Draft)>();
        var failed = new List<(string Id, SqsError Error)>();
        foreach (var (id, entry) in entries)
        {
            try
            {
                var draft = ReadDraft(entry, queue);
                SqsMessageValidator.ValidateSize(draft.Size, queue.MaximumMessageSize);
                drafts.Add((id, draft));
            }
            catch (SqsProtocolException rejected)
            {
                failed.Add((id, rejected.Error));
            }
        }

        if (drafts.Sum(accepted => (long)accepted.Draft.Size) > SqsMessageValidator.MaxMessageBytes)
        {
            throw new SqsProtocolException(SqsError.BatchRequestTooLong(SqsMessageValidator.MaxMessageBytes));
        }

        var writer = call.Writer;
        writer.WriteStartObject();
        writer.WriteStartArray("Successful");
        foreach (var (id, draft) in drafts)
        {
            writer.WriteStartObject();
            writer.WriteString("Id", id);
            WriteResult(writer, Accept(queue, draft, call.SenderId, call.TraceHeader), draft);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        SqsBatch.WriteFailed(writer, failed);
        writer.WriteEndObject();
        return Task.CompletedTask;
    }

    /// <summary>A message without <c>DelaySeconds</c> of its own takes the queue's (its <c>DelaySeconds</c> attribute).</summary>
    private static Draft ReadDraft(JsonElement request, SqsQueue queue)
    {
        var body = SqsJson.OptionalString(request, "MessageBody");
        SqsMessageValidator.ValidateBody(body);
        var delaySeconds = SqsJson.OptionalInt(request, "DelaySeconds");
        SqsMessageValidator.ValidateDelay(delaySeconds);
        var attributes = SqsJson.Attributes(request, "MessageAttributes");
        SqsMessageValidator.ValidateAttributes(attributes);
        var systemAttributes = SqsJson.Attributes(request, "MessageSystemAttributes");
        SqsMessageValidator.ValidateSystemAttributes(systemAttributes);
        return new Draft(body!, attributes, systemAttributes, delaySeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : queue.Delay,
            SqsMessageValidator.MessageSize(body!, attributes));
    }

    /// <summary>
    /// Enqueues the message. A request's <c>X-Amzn-Trace-Id</c> header becomes the <c>AWSTraceHeader</c> of each of its
    /// messages that does not set that system attribute itself ("If both headers are set, the message system attribute
    /// overrides the HTTP trace header": https://docs.aws.amazon.com/xray/latest/devguide/xray-services-sqs.html), which
    /// is how the X-Ray SDKs and OpenTelemetry's AWS instrumentation propagate a trace through SQS.
    /// </summary>
    private SqsSentMessage Accept(SqsQueue queue, Draft draft, string senderId, string? traceHeader)
    {
        var systemAttributes = traceHeader is null || draft.SystemAttributes.ContainsKey(SqsSentMessage.TraceHeaderAttribute)
            ? draft.SystemAttributes
            : new Dictionary<string, SqsAttributeValue>(draft.SystemAttributes, StringComparer.Ordinal)
            {
                [SqsSentMessage.TraceHeaderAttribute] = SqsAttributeValue.FromString(traceHeader),
            };
        var message = new SqsSentMessage(queue.Name, ids.NextString(), senderId, draft.Body,
            draft.Attributes, systemAttributes, time.GetUtcNow());
        events?.MessageAccepted?.Invoke(message);
        queue.Enqueue(message, draft.Delay);
        return message;
    }

    /// <summary>The answer's digests are of what the sender sent (<paramref name="draft"/>), not of a trace header SQS added.</summary>
    private static void WriteResult(Utf8JsonWriter writer, SqsSentMessage message, Draft draft)
    {
        writer.WriteString("MessageId", message.MessageId);
        writer.WriteString("MD5OfMessageBody", SqsMessageDigest.OfBody(message.Body));
        if (message.MessageAttributes.Count > 0)
        {
            writer.WriteString("MD5OfMessageAttributes", SqsMessageDigest.OfAttributes(message.MessageAttributes));
        }

        if (draft.SystemAttributes.Count > 0)
        {
            writer.WriteString("MD5OfMessageSystemAttributes", SqsMessageDigest.OfAttributes(draft.SystemAttributes));
        }
    }

    private sealed record Draft(
        string Body,
        IReadOnlyDictionary<string, SqsAttributeValue> Attributes,
        IReadOnlyDictionary<string, SqsAttributeValue> SystemAttributes,
        TimeSpan Delay,
        int Size);
}
