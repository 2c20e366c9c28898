using Amazon.SQS;
using Amazon.SQS.Model;

namespace OrderPipeline.Local.Cli.Trial;

/// <summary>What the trial asks SQS: how many messages a queue holds, and which messages sit in the dead-letter queue.</summary>
internal sealed class TrialQueues(IAmazonSQS sqs)
{
    /// <summary>Long enough that a message read from the dead-letter queue is not delivered again while it is read.</summary>
    private const int ReadVisibilitySeconds = 600;

    /// <summary>Visible, in flight and delayed messages together.</summary>
    public async Task<int> DepthAsync(string queueUrl, CancellationToken cancellationToken)
    {
        var attributes = await sqs.GetQueueAttributesAsync(
            new GetQueueAttributesRequest
            {
                QueueUrl = queueUrl,
                AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"],
            },
            cancellationToken).ConfigureAwait(false);
        return attributes.ApproximateNumberOfMessages
            + attributes.ApproximateNumberOfMessagesNotVisible
            + attributes.ApproximateNumberOfMessagesDelayed;
    }

    /// <summary>
    /// Reads every message of <paramref name="queueUrl"/> once, by MessageId (a duplicate delivery is read once); it
    /// stays in the queue, invisible for a while. Meant for the end of a run, when nothing else reads the queue.
    /// </summary>
    public async Task<IReadOnlyList<Message>> ReadAllAsync(string queueUrl, CancellationToken cancellationToken)
    {
        var messages = new Dictionary<string, Message>(StringComparer.Ordinal);
        while (true)
        {
            var response = await sqs.ReceiveMessageAsync(
                new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, VisibilityTimeout = ReadVisibilitySeconds },
                cancellationToken).ConfigureAwait(false);
            var fresh = (response.Messages ?? []).Where(message => messages.TryAdd(message.MessageId, message)).Count();
            if (fresh == 0)
            {
                return [.. messages.Values];
            }
        }
    }
}
