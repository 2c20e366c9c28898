using System.Globalization;
using System.Text.Json;

namespace OrderPipeline.TestHelpers.Sqs;

/// <summary>GetQueueUrl and CreateQueue (standard queues; of the queue attributes only VisibilityTimeout is kept).</summary>
internal sealed class SqsQueueOperations(SqsQueueRegistry queues)
{
    public Task GetQueueUrlAsync(SqsCall call)
    {
        var queue = queues.ByName(SqsJson.RequiredString(call.Request, "QueueName"));
        WriteQueueUrl(call, queue);
        return Task.CompletedTask;
    }

    public Task CreateQueueAsync(SqsCall call)
    {
        var name = SqsJson.RequiredString(call.Request, "QueueName");
        var queue = queues.Create(name, VisibilityTimeout(call.Request));
        WriteQueueUrl(call, queue);
        return Task.CompletedTask;
    }

    private static TimeSpan? VisibilityTimeout(JsonElement request)
    {
        if (SqsJson.Member(request, "Attributes", JsonValueKind.Object) is not { } attributes
            || SqsJson.OptionalString(attributes, "VisibilityTimeout") is not { } text)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : throw new SqsProtocolException(SqsError.InvalidParameterValue(
                $"Invalid value for the parameter VisibilityTimeout: {text}"));
    }

    private static void WriteQueueUrl(SqsCall call, SqsQueue queue)
    {
        call.Writer.WriteStartObject();
        call.Writer.WriteString("QueueUrl", SqsQueueRegistry.QueueUrlFor(call.ServiceUrl, queue.Name));
        call.Writer.WriteEndObject();
    }
}
