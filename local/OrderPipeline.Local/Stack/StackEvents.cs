using System.Globalization;
using OrderPipeline.Local.DynamoDb;
using OrderPipeline.Local.Lambda;
using OrderPipeline.Local.Lambda.EventSourceMapping;
using OrderPipeline.Local.Sqs;

namespace OrderPipeline.Local.Stack;

/// <summary>
/// What the stack tells whoever runs it. The five positional callbacks are its progress lines; the optional ones watch
/// the services (null for nobody). Every callback is called on the services' threads, so it must be thread-safe and
/// must not throw. Two watchers of one event are one delegate: <c>first + second</c>.
/// </summary>
/// <param name="Status">A step of start-up or shutdown ("building ConsumerFunction", "API Gateway on …").</param>
/// <param name="Build">One line of a function's build output, with the function's logical id.</param>
/// <param name="FunctionLog">One line a function instance wrote.</param>
/// <param name="Problem">Something went wrong that the stack survived (an SQS error in a poller, a dropped datagram).</param>
/// <param name="Activity">Work done while serving, such as a batch an event source mapping delivered.</param>
internal sealed record StackEvents(
    Action<string> Status,
    Action<string, string> Build,
    Action<FunctionLogLine> FunctionLog,
    Action<string> Problem,
    Action<string> Activity)
{
    public static StackEvents Silent { get; } = new(_ => { }, (_, _) => { }, _ => { }, _ => { }, _ => { });

    /// <summary>Each batch an event source mapping settled, after its <see cref="Activity"/> line.</summary>
    public Action<SqsBatchOutcome>? BatchCompleted { get; init; }

    /// <summary>Each failed call of an event source mapping, after its <see cref="Problem"/> line.</summary>
    public Action<SqsEventSourceFault>? MappingFaulted { get; init; }

    /// <summary>Every SQS request and accepted message, after the stack's own counts.</summary>
    public SqsEvents? Sqs { get; init; }

    /// <summary>Every DynamoDB request and item change.</summary>
    public DynamoDbEvents? DynamoDb { get; init; }

    /// <summary>What an event source mapping reports: its progress lines, then <see cref="BatchCompleted"/> and <see cref="MappingFaulted"/>.</summary>
    internal SqsEventSourceMappingEvents ForMappings() => new()
    {
        BatchCompleted = (Action<SqsBatchOutcome>)ReportBatch + BatchCompleted,
        Faulted = (Action<SqsEventSourceFault>)ReportFault + MappingFaulted,
    };

    private void ReportBatch(SqsBatchOutcome outcome)
    {
        var failed = outcome.Verdict.FailedMessageIds.Count;
        var result = outcome.Result is { Error: { } error } ? $", {error.ErrorType}" : "";
        Activity(string.Create(
            CultureInfo.InvariantCulture,
            $"{outcome.EventSourceName} → {outcome.FunctionLogicalId}: {outcome.RecordCount} record(s), {failed} failed, {outcome.DeletedCount} deleted{result}  trace {outcome.TraceId}"));
    }

    private void ReportFault(SqsEventSourceFault fault)
    {
        var retry = fault.RetryIn is { } delay
            ? string.Create(CultureInfo.InvariantCulture, $"retrying in {delay.TotalMilliseconds:0} ms")
            : "given up";
        Problem($"{fault.EventSourceName} → {fault.FunctionLogicalId}: {fault.Operation} failed ({fault.Detail}); {retry}");
    }
}
