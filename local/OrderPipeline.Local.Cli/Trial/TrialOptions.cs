using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.Cli.Trial;

/// <summary>What <c>trial</c> runs.</summary>
/// <param name="Stack">The stack to start (free ports, traces in memory, a short visibility timeout); the trial adds
/// its SQS and DynamoDB faults to it.</param>
/// <param name="Orders">How many orders to submit, each with its own Idempotency-Key.</param>
/// <param name="Concurrency">How many orders are in flight at once.</param>
/// <param name="Seed">Seeds the orders, the injected faults and the client's choices, so a run can be repeated (as far
/// as the scheduling of threads and processes allows).</param>
/// <param name="Timeout">How long submitting and settling may take, after the stack has started.</param>
/// <param name="Faults">What to inject.</param>
internal sealed record TrialOptions(
    StackOptions Stack, int Orders, int Concurrency, int Seed, TimeSpan Timeout, TrialFaults Faults);
