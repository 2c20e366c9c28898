using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace OrderPipeline.Local.Lambda.EventSourceMapping;

/// <summary>
/// Deletes what a batch's invocation processed, with DeleteMessageBatch (ten entries a call). Entries that fail on
/// SQS's side, and calls that throw, are retried with back-off up to <see cref="MaxAttempts"/> times; an entry SQS
/// refuses as the sender's fault (a stale receipt handle) is not. What stays undeleted comes back after the visibility
/// timeout, as with Lambda.
/// </summary>
internal sealed class SqsMessageDeleter(
    IAmazonSQS sqs, SqsEventSourceMappingSettings settings, TimeProvider time, SqsEventSourceMappingEvents events)
{
    public const int MaxAttempts = 5;
    private const int MaxEntriesPerCall = 10;
    private const string Operation = "DeleteMessageBatch";

    /// <summary>Returns how many messages were deleted.</summary>
    public async Task<int> DeleteAsync(IReadOnlyList<Message> messages, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var chunk in messages.Chunk(MaxEntriesPerCall))
        {
            deleted += await DeleteChunkAsync(chunk, cancellationToken).ConfigureAwait(false);
        }

        return deleted;
    }

    private async Task<int> DeleteChunkAsync(Message[] chunk, CancellationToken cancellationToken)
    {
        var pending = chunk
            .Select((message, index) => new DeleteMessageBatchRequestEntry(
                index.ToString(CultureInfo.InvariantCulture), message.ReceiptHandle))
            .ToList();
        var backoff = new RetryBackoff(RetryBackoff.DefaultInitial, RetryBackoff.DefaultMaximum);
        var deleted = 0;
        for (var attempt = 1; ; attempt++)
        {
            Exception? error = null;
            string detail;
            try
            {
                var response = await sqs.DeleteMessageBatchAsync(
                    new DeleteMessageBatchRequest(settings.QueueUrl, pending), cancellationToken).ConfigureAwait(false);
                deleted += response.Successful?.Count ?? 0;
                var failed = response.Failed ?? [];
                foreach (var refused in failed.Where(entry => entry.SenderFault == true))
                {
                    Report(null, $"{refused.Code}: {refused.Message}", null);
                }

                var retryable = failed.Where(entry => entry.SenderFault != true).Select(entry => entry.Id).ToHashSet();
                pending = [.. pending.Where(entry => retryable.Contains(entry.Id))];
                if (pending.Count == 0)
                {
                    return deleted;
                }

                detail = $"{pending.Count} entries failed: {failed.First(entry => entry.SenderFault != true).Code}";
            }
            catch (Exception ex) when (SqsFaults.IsTransient(ex, cancellationToken))
            {
                error = ex;
                detail = ex.Message;
            }

            if (attempt == MaxAttempts)
            {
                Report(error, $"{detail} (gave up after {MaxAttempts} attempts)", null);
                return deleted;
            }

            var delay = backoff.Next();
            Report(error, detail, delay);
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Report(Exception? error, string detail, TimeSpan? retryIn) =>
        events.Faulted?.Invoke(new SqsEventSourceFault(
            settings.FunctionLogicalId, settings.Name, Operation, error, detail, retryIn));
}
