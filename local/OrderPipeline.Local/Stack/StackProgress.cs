using OrderPipeline.Local.Lambda;

namespace OrderPipeline.Local.Stack;

/// <summary>Where the stack reports what it is doing; every callback must be thread-safe and must not throw.</summary>
/// <param name="Status">A step of start-up or shutdown ("building ConsumerFunction", "API Gateway on …").</param>
/// <param name="Build">One line of a function's build output, with the function's logical id.</param>
/// <param name="FunctionLog">One line a function instance wrote.</param>
/// <param name="Problem">Something went wrong that the stack survived (an SQS error in a poller, a dropped datagram).</param>
/// <param name="Activity">Work done while serving, such as a batch an event source mapping delivered.</param>
internal sealed record StackProgress(
    Action<string> Status,
    Action<string, string> Build,
    Action<FunctionLogLine> FunctionLog,
    Action<string> Problem,
    Action<string> Activity)
{
    public static StackProgress Silent { get; } = new(_ => { }, (_, _) => { }, _ => { }, _ => { }, _ => { });
}
