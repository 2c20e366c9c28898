using Amazon.SQS.Model;
using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.Lambda.EventSourceMapping;

/// <summary>
/// Hands one batch to the function and settles it, as Lambda does: the invocation is a new trace linked to the records'
/// upstream traces; after a successful invocation every record is deleted, or with <c>ReportBatchItemFailures</c> all
/// but those the response names; after a failed one (function error, timeout, crash) nothing is.
/// Lambda decides itself whether the batch's trace is recorded, at its fixed rate (<see cref="XRaySampler.ForLambda"/>);
/// the records' <c>AWSTraceHeader</c> only links the traces and never decides
/// (https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html,
/// https://docs.aws.amazon.com/xray/latest/devguide/xray-tracelinking.html). An unsampled batch still reaches the
/// function with a trace header, <c>Sampled=0</c>, and leaves no segments.
/// </summary>
internal sealed class SqsBatchProcessor(
    SqsEventSourceMappingSettings settings,
    IFunctionInvoker invoker,
    SqsMessageDeleter deleter,
    TraceStore store,
    TimeProvider time,
    XRaySampler sampler,
    SqsEventSourceMappingEvents events)
{
    public const string InvokeOperation = "Invoke";

    /// <summary>
    /// Deletes the records the mapping's <c>FilterCriteria</c> reject, as Lambda does for SQS, then invokes the function
    /// with the rest: once, or, when their event would pass Lambda's 6 MB synchronous payload limit, several times with
    /// fewer records each, in order. One record always fits: SQS messages are at most 1 MiB, and JSON escaping at most
    /// doubles a body.
    /// </summary>
    /// <param name="batch">The records, in the order they were received.</param>
    /// <param name="cancellationToken">Abandons the invocations and the deletes (the records come back later).</param>
    /// <returns>
    /// The outcome of the first invocation Lambda refused (<see cref="SqsBatchOutcome.Throttled"/>; the records not yet
    /// invoked are left for the visibility timeout too), else of the last invocation; null when the filter left nothing
    /// to invoke.
    /// </returns>
    public async Task<SqsBatchOutcome?> ProcessAsync(IReadOnlyList<Message> batch, CancellationToken cancellationToken)
    {
        var records = batch;
        if (settings.Filter is { } filter)
        {
            var matching = batch.ToLookup(message => filter.Matches(message, settings.Queue, settings.Region));
            records = [.. matching[true]];
            if (matching[false].Any())
            {
                await deleter.DeleteAsync([.. matching[false]], cancellationToken).ConfigureAwait(false);
            }
        }

        var events = SqsLambdaEvent.WriteWithin(
            records, settings.Queue, settings.Region, SqsEventSourceMappingSettings.MaxSynchronousPayloadBytes);
        SqsBatchOutcome? outcome = null;
        foreach (var (part, payload) in events)
        {
            outcome = await InvokeAsync(part, payload, cancellationToken).ConfigureAwait(false);
            if (outcome.Throttled)
            {
                break;
            }
        }

        return outcome;
    }

    private async Task<SqsBatchOutcome> InvokeAsync(IReadOnlyList<Message> batch, byte[] payload, CancellationToken cancellationToken)
    {
        var functionName = settings.FunctionName;
        var sampled = sampler.Decide(new SamplingRequest(
            functionName, LambdaSegments.FunctionOrigin, string.Empty, string.Empty, string.Empty,
            LocalAccount.FunctionArn(settings.Region, functionName))).Sampled;
        var trace = LambdaInvocationTrace.NewTrace(time, SqsRecordLinks.From(batch), sampled);
        var messageIds = batch.Select(message => message.MessageId).ToList();
        var start = time.GetUtcNow();
        InvocationResult? result;
        TooManyRequestsException? throttled = null;
        try
        {
            result = await invoker.InvokeAsync(functionName, payload, trace.RuntimeTraceHeader, cancellationToken)
                .ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Whatever keeps the function from running (say, no such function) fails the batch, not the poller.
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            throttled = ex as TooManyRequestsException;
            if (throttled is null)
            {
                events.Faulted?.Invoke(new SqsEventSourceFault(settings.FunctionLogicalId, settings.Name, InvokeOperation, ex, ex.Message, null));
            }

            result = null;
        }

        SqsBatchVerdict verdict;
        if (throttled is not null)
        {
            // Nothing is deleted: the records come back after the visibility timeout, as Lambda's throttled batches do.
            verdict = SqsBatchVerdict.AllFailed(messageIds, throttled.ToString());
        }
        else if (result is null)
        {
            verdict = SqsBatchVerdict.AllFailed(messageIds, "The function could not be invoked.");
        }
        else
        {
            if (trace.Sampled)
            {
                LambdaSegments.RecordWhenSettled(store, trace, functionName, start, result, time);
            }

            verdict = Judge(result, messageIds);
        }

        var processed = batch.Where(message => !verdict.FailedMessageIds.Contains(message.MessageId)).ToList();
        var deleted = await deleter.DeleteAsync(processed, cancellationToken).ConfigureAwait(false);
        var outcome = new SqsBatchOutcome(settings.FunctionLogicalId, settings.Name, trace.TraceId, batch.Count, result, verdict, deleted)
        {
            Throttled = throttled is not null,
        };
        events.BatchCompleted?.Invoke(outcome);
        return outcome;
    }

    private SqsBatchVerdict Judge(InvocationResult result, List<string> messageIds) =>
        result switch
        {
            { Error: { } error } => SqsBatchVerdict.AllFailed(messageIds, $"{error.ErrorType}: {error.ErrorMessage}"),
            { Response: { } response } when settings.ReportsBatchItemFailures =>
                BatchItemFailuresReader.Read(response, messageIds),
            _ => SqsBatchVerdict.AllSucceeded,
        };
}
