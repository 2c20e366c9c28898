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
    private const string InvokeOperation = "Invoke";

    /// <param name="batch">The records, in the order they were received.</param>
    /// <param name="cancellationToken">Abandons the invocation and the deletes (the records come back later).</param>
    public async Task ProcessAsync(IReadOnlyList<Message> batch, CancellationToken cancellationToken)
    {
        var functionName = settings.FunctionLogicalId;
        var payload = SqsLambdaEvent.Write(batch, settings.Queue, settings.Region);
        var sampled = sampler.Decide(new SamplingRequest(
            functionName, LambdaSegments.FunctionOrigin, string.Empty, string.Empty, string.Empty,
            LocalAccount.FunctionArn(settings.Region, functionName))).Sampled;
        var trace = LambdaInvocationTrace.NewTrace(time, SqsRecordLinks.From(batch), sampled);
        var messageIds = batch.Select(message => message.MessageId).ToList();
        var start = time.GetUtcNow();
        InvocationResult? result;
        try
        {
            result = await invoker.InvokeAsync(functionName, payload, trace.RuntimeTraceHeader, cancellationToken)
                .ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Whatever keeps the function from running (say, no such function) fails the batch, not the poller.
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            events.Faulted?.Invoke(new SqsEventSourceFault(functionName, settings.Name, InvokeOperation, ex, ex.Message, null));
            result = null;
        }

        SqsBatchVerdict verdict;
        if (result is null)
        {
            verdict = SqsBatchVerdict.AllFailed(messageIds, "The function could not be invoked.");
        }
        else
        {
            if (trace.Sampled)
            {
                LambdaSegments.Record(store, trace, functionName, start, time.GetUtcNow(), result);
            }

            verdict = Judge(result, messageIds);
        }

        var processed = batch.Where(message => !verdict.FailedMessageIds.Contains(message.MessageId)).ToList();
        var deleted = await deleter.DeleteAsync(processed, cancellationToken).ConfigureAwait(false);
        events.BatchCompleted?.Invoke(new SqsBatchOutcome(
            functionName, settings.Name, trace.TraceId, batch.Count, result, verdict, deleted));
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
