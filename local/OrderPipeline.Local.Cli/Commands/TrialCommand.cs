using System.CommandLine;
using OrderPipeline.Local.Cli.Trial;
using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.Cli.Commands;

/// <summary>The <c>trial</c> command line: runs <see cref="TrialRunner"/> and prints its figures and checks.</summary>
internal static class TrialCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var orders = new Option<int>("--orders", "-n") { Description = "How many orders to submit.", DefaultValueFactory = _ => 200 };
        var concurrency = new Option<int>("--concurrency")
        {
            Description = "Orders in flight at once, and instances per function.",
            DefaultValueFactory = _ => 8,
        };
        var seed = new Option<int>("--seed") { Description = "Seeds the orders and the faults: the same seed repeats a run.", DefaultValueFactory = _ => 1 };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds that submitting and settling may take (the stack's start-up not counted).",
            DefaultValueFactory = _ => 600,
        };
        var share = Share("--share", "The share (0 to 1) of each fault kind: SendMessage failures, SendMessage throttles, PutItem failures, duplicate deliveries, client resends and keys reused for another order.");
        var kills = new Option<int?>("--kills") { Description = "Consumer instances to kill mid-batch (default: one per 200 orders, at least one)." };
        var logs = new Option<bool>("--logs") { Description = "Also print the functions' log lines." };
        var command = new Command(
            "trial",
            "Drives orders through the local stack while injecting faults (SQS sends failing or throttled, PutItem failing, "
            + "consumers killed mid-batch, duplicate deliveries, client retries with the same Idempotency-Key, keys reused for other orders), then "
            + "reconciles: exits 0 only if no accepted order was lost or stored twice.")
        {
            orders, concurrency, seed, timeout, share, kills, logs,
        };
        common.AddTo(command);
        common.AddLimitsTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(orders);
            var parallel = parse.GetValue(concurrency);
            var faultShare = parse.GetValue(share);
            var faults = new TrialFaults(
                faultShare, faultShare, faultShare, faultShare, faultShare, faultShare,
                parse.GetValue(kills) ?? TrialFaults.DefaultKills(count),
                TrialFaults.DefaultClientAttempts);
            if (count < 1 || parallel < 1 || parse.GetValue(timeout) < 1 || faults.Problem() is not null)
            {
                await Console.Error.WriteLineAsync(
                    $"--orders, --concurrency and --timeout must be at least 1; {faults.Problem() ?? "the faults are valid"}.").ConfigureAwait(false);
                return 2;
            }

            var stack = common.ShortLivedStack(parse, parallel);
            var options = new TrialOptions(stack, count, parallel, parse.GetValue(seed), TimeSpan.FromSeconds(parse.GetValue(timeout)), faults);
            var printer = new StackPrinter(Console.Out, ConsoleStyle.ForConsole(), parse.GetValue(logs));
            var report = await TrialRunner.ExecuteAsync(options, Quiet(printer.Progress), cancellationToken).ConfigureAwait(false);
            report.Print(printer.Output, printer.Style);
            return report.Passed ? 0 : 1;
        });
        return command;
    }

    /// <summary>Every batch and every survived fault would be thousands of lines: the trial prints only the status.</summary>
    private static StackEvents Quiet(StackEvents progress) => progress with { Activity = _ => { }, Problem = _ => { } };

    private static Option<double> Share(string name, string description) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => TrialFaults.DefaultShare,
    };
}
