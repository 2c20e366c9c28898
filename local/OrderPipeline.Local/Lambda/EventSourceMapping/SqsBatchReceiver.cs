using Amazon.SQS;
using Amazon.SQS.Model;

namespace OrderPipeline.Local.Lambda.EventSourceMapping;

/// <summary>
/// Gathers one batch as Lambda's poller does: a long poll (20 s) for the first messages, then,
/// with a batching window, more receives until the batch holds <c>BatchSize</c> records or the window (counted from the
/// first records) has passed. Every receive asks for all system and message attributes.
/// </summary>
internal sealed class SqsBatchReceiver(
    IAmazonSQS sqs, SqsEventSourceMappingSettings settings, TimeProvider time, SqsEventSourceMappingEvents events)
{
    public const string Operation = "ReceiveMessage";
    private const int MaxMessagesPerReceive = 10;
    private const string All = "All";

    /// <summary>
    /// An empty batch when the long poll found nothing. A failure of the first receive throws; once records are in hand,
    /// a failed or stopped receive ends the gathering and the batch goes out with what it holds.
    /// </summary>
    public async Task<IReadOnlyList<Message>> ReceiveBatchAsync(CancellationToken stopping)
    {
        var batchSize = settings.BatchSize;
        var batch = await ReceiveAsync(batchSize, settings.WaitTimeSeconds, stopping).ConfigureAwait(false);
        var window = TimeSpan.FromSeconds(settings.MaximumBatchingWindowInSeconds);
        if (batch.Count == 0 || window == TimeSpan.Zero)
        {
            return batch;
        }

        var deadline = time.GetUtcNow() + window;
        while (batch.Count < batchSize && !stopping.IsCancellationRequested)
        {
            var remaining = deadline - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            try
            {
                var waitSeconds = (int)Math.Min(settings.WaitTimeSeconds, Math.Ceiling(remaining.TotalSeconds));
                Merge(batch, await ReceiveAsync(batchSize - batch.Count, waitSeconds, stopping).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (SqsFaults.IsTransient(ex, stopping))
            {
                events.Faulted?.Invoke(new SqsEventSourceFault(
                    settings.FunctionLogicalId, settings.Name, Operation, ex, ex.Message, TimeSpan.Zero));
                break;
            }
        }

        return batch;
    }

    /// <summary>
    /// Adds what a later receive of the window returned. A message already in the batch (its visibility timeout was
    /// shorter than the window) is not a second record: its newer receipt handle replaces the old one, which SQS no
    /// longer honours.
    /// </summary>
    private static void Merge(List<Message> batch, List<Message> received)
    {
        foreach (var message in received)
        {
            var index = batch.FindIndex(held => held.MessageId == message.MessageId);
            if (index >= 0)
            {
                batch[index] = message;
            }
            else
            {
                batch.Add(message);
            }
        }
    }

    private async Task<List<Message>> ReceiveAsync(int wanted, int waitSeconds, CancellationToken stopping)
    {
        var response = await sqs.ReceiveMessageAsync(
            new ReceiveMessageRequest(settings.QueueUrl)
            {
                MaxNumberOfMessages = Math.Min(wanted, MaxMessagesPerReceive),
                WaitTimeSeconds = waitSeconds,
                MessageSystemAttributeNames = [All],
                MessageAttributeNames = [All],
            },
            stopping).ConfigureAwait(false);
        return response.Messages ?? [];
    }
}
