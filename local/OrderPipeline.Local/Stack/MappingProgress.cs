using System.Globalization;
using OrderPipeline.Local.Lambda.EventSourceMapping;

namespace OrderPipeline.Local.Stack;

/// <summary>Reports what the event source mappings do as progress lines: each batch, and each fault they survive.</summary>
internal sealed class MappingProgress(StackProgress progress) : ISqsEventSourceObserver
{
    public void BatchCompleted(SqsBatchOutcome outcome)
    {
        var failed = outcome.Verdict.FailedMessageIds.Count;
        var result = outcome.Result is { Error: { } error } ? $", {error.ErrorType}" : "";
        progress.Activity(string.Create(
            CultureInfo.InvariantCulture,
            $"{outcome.EventSourceName} → {outcome.FunctionLogicalId}: {outcome.RecordCount} record(s), {failed} failed, {outcome.DeletedCount} deleted{result}  trace {outcome.TraceId}"));
    }

    public void Faulted(SqsEventSourceFault fault)
    {
        var retry = fault.RetryIn is { } delay
            ? string.Create(CultureInfo.InvariantCulture, $"retrying in {delay.TotalMilliseconds:0} ms")
            : "given up";
        progress.Problem($"{fault.EventSourceName} → {fault.FunctionLogicalId}: {fault.Operation} failed ({fault.Detail}); {retry}");
    }
}
