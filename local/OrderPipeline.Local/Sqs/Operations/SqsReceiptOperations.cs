using System.Text.Json;

namespace OrderPipeline.Local.Sqs.Operations;

/// <summary>
/// The operations on receipt handles: DeleteMessage(Batch) and ChangeMessageVisibility(Batch). A batch entry's error
/// fails only that entry.
/// </summary>
internal sealed class SqsReceiptOperations(SqsQueueRegistry queues)
{
    public Task DeleteMessageAsync(SqsCall call)
    {
        var queue = queues.ByUrl(SqsJson.RequiredString(call.Request, "QueueUrl"));
        Delete(queue, call.Request);
        WriteEmpty(call.Writer);
        return Task.CompletedTask;
    }

    public Task DeleteMessageBatchAsync(SqsCall call)
    {
        var queue = queues.ByUrl(SqsJson.RequiredString(call.Request, "QueueUrl"));
        var entries = SqsBatch.ReadEntries(call.Request, "DeleteMessageBatchRequestEntry");
        SqsBatch.Answer(call.Writer, entries, entry => Delete(queue, entry));
        return Task.CompletedTask;
    }

    public Task ChangeMessageVisibilityAsync(SqsCall call)
    {
        var queue = queues.ByUrl(SqsJson.RequiredString(call.Request, "QueueUrl"));
        ChangeVisibility(queue, call.Request);
        WriteEmpty(call.Writer);
        return Task.CompletedTask;
    }

    public Task ChangeMessageVisibilityBatchAsync(SqsCall call)
    {
        var queue = queues.ByUrl(SqsJson.RequiredString(call.Request, "QueueUrl"));
        var entries = SqsBatch.ReadEntries(call.Request, "ChangeMessageVisibilityBatchRequestEntry");
        SqsBatch.Answer(call.Writer, entries, entry => ChangeVisibility(queue, entry));
        return Task.CompletedTask;
    }

    private static void Delete(SqsQueue queue, JsonElement request)
    {
        var receiptHandle = SqsJson.RequiredString(request, "ReceiptHandle");
        if (!queue.Delete(receiptHandle))
        {
            throw new SqsProtocolException(SqsError.ReceiptHandleIsInvalid(receiptHandle));
        }
    }

    private static void ChangeVisibility(SqsQueue queue, JsonElement request)
    {
        var receiptHandle = SqsJson.RequiredString(request, "ReceiptHandle");
        var seconds = SqsJson.OptionalInt(request, "VisibilityTimeout")
            ?? throw new SqsProtocolException(SqsError.MissingParameter("VisibilityTimeout"));
        if (seconds is < 0 or > SqsQueueRegistry.MaxVisibilityTimeoutSeconds)
        {
            throw new SqsProtocolException(SqsError.InvalidParameterValue(
                $"Value {seconds} for parameter VisibilityTimeout is invalid. "
                + $"Reason: Must be between 0 and {SqsQueueRegistry.MaxVisibilityTimeoutSeconds}."));
        }

        var outcome = queue.ChangeVisibility(receiptHandle, TimeSpan.FromSeconds(seconds));
        switch (outcome)
        {
            case SqsVisibilityChange.UnknownReceiptHandle:
                throw new SqsProtocolException(SqsError.ReceiptHandleIsInvalid(receiptHandle));
            case SqsVisibilityChange.MessageGone:
                throw new SqsProtocolException(SqsError.InvalidParameterValue(
                    $"Value {receiptHandle} for parameter ReceiptHandle is invalid. "
                    + "Reason: Message does not exist or is not available for visibility timeout change."));
            case SqsVisibilityChange.NotInFlight:
                throw new SqsProtocolException(SqsError.MessageNotInflight());
            case SqsVisibilityChange.Changed:
            default:
                return;
        }
    }

    private static void WriteEmpty(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteEndObject();
    }
}
