using System.Globalization;

namespace OrderPipeline.Local.Sqs.Operations;

/// <summary>CreateQueue, GetQueueUrl, ListQueues, GetQueueAttributes and PurgeQueue (standard queues).</summary>
internal sealed class SqsQueueOperations(SqsQueueRegistry queues)
{
    private const int MaxListResults = 1000;

    public Task CreateQueueAsync(SqsCall call)
    {
        var name = SqsJson.RequiredString(call.Request, "QueueName");
        var queue = queues.Create(name, SqsQueueAttributes.Read(call.Request));
        WriteQueueUrl(call, queue);
        return Task.CompletedTask;
    }

    public Task GetQueueUrlAsync(SqsCall call)
    {
        var queue = queues.ByName(SqsJson.RequiredString(call.Request, "QueueName"));
        WriteQueueUrl(call, queue);
        return Task.CompletedTask;
    }

    /// <summary>Queues by name prefix, in name order; <c>NextToken</c> is the index of the next page's first queue.</summary>
    public Task ListQueuesAsync(SqsCall call)
    {
        var prefix = SqsJson.OptionalString(call.Request, "QueueNamePrefix") ?? string.Empty;
        var maxResults = SqsJson.OptionalInt(call.Request, "MaxResults");
        if (maxResults is < 1 or > MaxListResults)
        {
            throw new SqsProtocolException(SqsError.InvalidParameterValue(
                $"Value {maxResults} for parameter MaxResults is invalid. Reason: must be between 1 and {MaxListResults}."));
        }

        var start = SqsJson.OptionalString(call.Request, "NextToken") is { } token
            ? int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                ? index
                : throw new SqsProtocolException(SqsError.InvalidParameterValue("Invalid NextToken value."))
            : 0;
        var matching = queues.All.Where(queue => queue.Name.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        var page = matching.Skip(start).Take(maxResults ?? MaxListResults).ToList();

        var writer = call.Writer;
        writer.WriteStartObject();
        writer.WriteStartArray("QueueUrls");
        foreach (var queue in page)
        {
            writer.WriteStringValue(SqsQueueRegistry.QueueUrlFor(call.ServiceUrl, queue.Name));
        }

        writer.WriteEndArray();
        if (maxResults is not null && start + page.Count < matching.Count)
        {
            writer.WriteString("NextToken", (start + page.Count).ToString(CultureInfo.InvariantCulture));
        }

        writer.WriteEndObject();
        return Task.CompletedTask;
    }

    public Task GetQueueAttributesAsync(SqsCall call)
    {
        var queue = queues.ByUrl(SqsJson.RequiredString(call.Request, "QueueUrl"));
        SqsQueueAttributes.Write(call.Writer, queue, SqsJson.StringList(call.Request, "AttributeNames"));
        return Task.CompletedTask;
    }

    public Task PurgeQueueAsync(SqsCall call)
    {
        queues.ByUrl(SqsJson.RequiredString(call.Request, "QueueUrl")).Purge();
        call.Writer.WriteStartObject();
        call.Writer.WriteEndObject();
        return Task.CompletedTask;
    }

    private static void WriteQueueUrl(SqsCall call, SqsQueue queue)
    {
        call.Writer.WriteStartObject();
        call.Writer.WriteString("QueueUrl", SqsQueueRegistry.QueueUrlFor(call.ServiceUrl, queue.Name));
        call.Writer.WriteEndObject();
    }
}
