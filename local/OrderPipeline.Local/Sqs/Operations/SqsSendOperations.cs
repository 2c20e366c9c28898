using System.Text.Json;

namespace OrderPipeline.Local.Sqs.Operations;

/// <summary>SendMessage and SendMessageBatch: validate, enqueue, record, and answer with the SQS digests.</summary>
internal sealed class SqsSendOperations(
    SqsQueueRegistry queues, SqsEvents? events, TimeProvider time, SqsRandomIds ids)
{
    public Task SendMessageAsync(SqsCall call)
    {
        var queue = queues.ByUrl(SqsJson.RequiredString(call.Request, "QueueUrl"));
        var draft = ReadDraft(call.Request);
        SqsMessageValidator.ValidateSize(draft.Size);
        var message = Accept(queue, draft, call.SenderId);

        call.Writer.WriteStartObject();
        WriteResult(call.Writer, message);
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
                var draft = ReadDraft(entry);
                SqsMessageValidator.ValidateSize(draft.Size);
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
            WriteResult(writer, Accept(queue, draft, call.SenderId));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        SqsBatch.WriteFailed(writer, failed);
        writer.WriteEndObject();
        return Task.CompletedTask;
    }

    private static Draft ReadDraft(JsonElement request)
    {
        var body = SqsJson.OptionalString(request, "MessageBody");
        SqsMessageValidator.ValidateBody(body);
        var delaySeconds = SqsJson.OptionalInt(request, "DelaySeconds");
        SqsMessageValidator.ValidateDelay(delaySeconds);
        var attributes = SqsJson.Attributes(request, "MessageAttributes");
        SqsMessageValidator.ValidateAttributes(attributes);
        var systemAttributes = SqsJson.Attributes(request, "MessageSystemAttributes");
        SqsMessageValidator.ValidateSystemAttributes(systemAttributes);
        return new Draft(body!, attributes, systemAttributes, TimeSpan.FromSeconds(delaySeconds ?? 0),
            SqsMessageValidator.MessageSize(body!, attributes));
    }

    private SqsSentMessage Accept(SqsQueue queue, Draft draft, string senderId)
    {
        var message = new SqsSentMessage(queue.Name, ids.NextString(), senderId, draft.Body,
            draft.Attributes, draft.SystemAttributes, time.GetUtcNow());
        events?.MessageAccepted?.Invoke(message);
        queue.Enqueue(message, draft.Delay);
        return message;
    }

    private static void WriteResult(Utf8JsonWriter writer, SqsSentMessage message)
    {
        writer.WriteString("MessageId", message.MessageId);
        writer.WriteString("MD5OfMessageBody", SqsMessageDigest.OfBody(message.Body));
        if (message.MessageAttributes.Count > 0)
        {
            writer.WriteString("MD5OfMessageAttributes", SqsMessageDigest.OfAttributes(message.MessageAttributes));
        }

        if (message.MessageSystemAttributes.Count > 0)
        {
            writer.WriteString("MD5OfMessageSystemAttributes", SqsMessageDigest.OfAttributes(message.MessageSystemAttributes));
        }
    }

    private sealed record Draft(
        string Body,
        IReadOnlyDictionary<string, SqsAttributeValue> Attributes,
        IReadOnlyDictionary<string, SqsAttributeValue> SystemAttributes,
        TimeSpan Delay,
        int Size);
}
