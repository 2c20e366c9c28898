using System.Diagnostics;
using System.Text;
using OrderPipeline.Contracts;
using OrderPipeline.Lambda;
using OrderPipeline.Lambda.Events;
using OrderPipeline.Lambda.Logging;
using OrderPipeline.Tracing;

namespace OrderPipeline.Consumer;

/// <summary>
/// Handles a batch from the orders queue record by record: a record that cannot be read or validated, or whose work
/// throws, is listed in <c>batchItemFailures</c> (the event source mapping must enable
/// <c>ReportBatchItemFailures</c>) and the others succeed. SQS makes the failed ones visible again, and the queue's
/// redrive policy moves a message that keeps failing to the dead-letter queue: retries and dead-lettering are
/// configuration, not code. Records are processed one after another, each traced on its own (see
/// <see cref="RecordTrace"/>, within the trace's budget), so its store call is a child of its own <c>ProcessOrder</c>
/// subsegment.
/// </summary>
internal sealed class ProcessOrdersHandler(OrderProcessor processor, TimeProvider time)
    : ILambdaHandler<SqsEvent, SqsBatchResponse>
{
    private const string ReceiveCountAttribute = "ApproximateReceiveCount";

    public async Task<SqsBatchResponse> HandleAsync(SqsEvent input, ILambdaContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var records = new RecordTrace(TraceHeader.TryParse(context.TraceHeader, out var trace) ? trace : null, time);
        var failures = new List<BatchItemFailure>();
        foreach (var record in input.Records ?? [])
        {
            // Near the deadline the rest is handed back unprocessed rather than cut off halfway: SQS redelivers it.
            var processed = !cancellationToken.IsCancellationRequested
                && await TryProcessAsync(record, context, records, cancellationToken).ConfigureAwait(false);
            if (processed)
            {
                continue;
            }

            if (string.IsNullOrEmpty(record.MessageId))
            {
                // Lambda fails the whole batch on an empty identifier; failing it here says so plainly and loses nothing.
                throw new InvalidOperationException("A record without a messageId could not be processed; the whole batch will be retried.");
            }

            failures.Add(new BatchItemFailure { ItemIdentifier = record.MessageId });
        }

        return new SqsBatchResponse { BatchItemFailures = failures };
    }

    private async Task<bool> TryProcessAsync(
        SqsMessage record, ILambdaContext context, RecordTrace records, CancellationToken cancellationToken)
    {
        using var activity = records.Start(record, out var upstreamTraceId);
        if (!OrderMessage.TryParse(Encoding.UTF8.GetBytes(record.Body ?? string.Empty), out var message, out var errors))
        {
            var first = errors[0];
            // The sender's fault, not ours: X-Ray `error` (as a 4xx), where an error status alone would read as a fault.
            activity?.SetStatus(ActivityStatusCode.Error, "Not a valid order message");
            activity?.SetTag(TraceTags.Outcome, TraceTags.OutcomeError);
            context.Logger.Warn(
                "Record rejected: not a valid order message",
                ("messageId", record.MessageId),
                ("upstreamTraceId", upstreamTraceId),
                ("receiveCount", ReceiveCount(record)),
                ("errors", errors.Count),
                ("pointer", first.Pointer),
                ("detail", first.Detail));
            return false;
        }

        activity?.SetTag(ConsumerTelemetry.OrderIdTag, message.OrderId.ToString());
        try
        {
            await processor.ProcessAsync(message, record, upstreamTraceId, context, cancellationToken).ConfigureAwait(false);
            return true;
        }
#pragma warning disable CA1031 // One record's failure, whatever it is, must never fail its neighbours.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            activity?.AddException(ex);
            activity?.SetStatus(ActivityStatusCode.Error, "Processing failed");
            context.Logger.Error(
                ex,
                "Record failed",
                ("messageId", record.MessageId),
                ("upstreamTraceId", upstreamTraceId),
                ("orderId", message.OrderId.ToString()),
                ("receiveCount", ReceiveCount(record)));
            return false;
        }
    }

    private static string? ReceiveCount(SqsMessage record) =>
        record.Attributes is { } attributes && attributes.TryGetValue(ReceiveCountAttribute, out var count) ? count : null;
}
