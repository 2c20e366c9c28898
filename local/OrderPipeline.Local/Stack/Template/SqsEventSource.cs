namespace OrderPipeline.Local.Stack.Template;

/// <summary>
/// An <c>SQS</c> event of a function: the event source mapping the local stack runs. <c>Queue</c> is the resolved
/// queue ARN; <c>MaximumBatchingWindowInSeconds</c> is 0 and <c>MaximumConcurrency</c> (from <c>ScalingConfig</c>)
/// null when the template is silent.
/// </summary>
internal sealed record SqsEventSource(
    string Name,
    string Queue,
    int BatchSize,
    int MaximumBatchingWindowInSeconds,
    IReadOnlyList<string> FunctionResponseTypes,
    int? MaximumConcurrency)
{
    public const string ReportBatchItemFailures = "ReportBatchItemFailures";

    public bool ReportsBatchItemFailures => FunctionResponseTypes.Contains(ReportBatchItemFailures, StringComparer.Ordinal);
}
