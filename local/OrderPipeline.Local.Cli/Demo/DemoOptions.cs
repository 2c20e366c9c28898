using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.Cli.Demo;

/// <summary>What <c>demo</c> runs.</summary>
/// <param name="Stack">The stack to start (free ports, traces in memory, short visibility timeout).</param>
/// <param name="Orders">How many sample orders to submit.</param>
/// <param name="OrderEventPath">An API Gateway event holding a valid request (events/api-post-order.json).</param>
/// <param name="InvalidEventPath">An API Gateway event holding a request the API must refuse with 400.</param>
/// <param name="Concurrency">How many requests are in flight at once.</param>
/// <param name="SettleTimeout">How long to wait, after the last request, for the queues to drain and the traces to link.</param>
internal sealed record DemoOptions(
    StackOptions Stack,
    int Orders,
    string OrderEventPath,
    string InvalidEventPath,
    int Concurrency,
    TimeSpan SettleTimeout)
{
    /// <summary>The body of the message put straight on the queue: not an order, so every delivery fails.</summary>
    public const string PoisonBody = "this is not an order: the demo's poison message";
}
