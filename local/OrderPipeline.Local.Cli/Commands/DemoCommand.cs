using System.CommandLine;
using OrderPipeline.Local.Stack;
using OrderPipeline.Local.XRay;
using OrderPipeline.Local.XRay.Api;

namespace OrderPipeline.Local.Cli.Commands;

/// <summary>The <c>demo</c> command line: runs <see cref="DemoRunner"/>, prints each request's trace and the checks.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var orders = new Option<int>("--orders", "-n") { Description = "How many sample orders to submit.", DefaultValueFactory = _ => 5 };
        var concurrency = new Option<int>("--concurrency")
        {
            Description = "Requests in flight at once, and instances per function.",
            DefaultValueFactory = _ => StackOptions.DefaultFunctionConcurrency,
        };
        var orderEvent = new Option<FileInfo>("--order-event")
        {
            Description = "An API Gateway event holding a valid request.",
            DefaultValueFactory = _ => new FileInfo(Path.Combine("events", "api-post-order.json")),
        };
        var invalidEvent = new Option<FileInfo>("--invalid-event")
        {
            Description = "An API Gateway event holding a request the API refuses with 400.",
            DefaultValueFactory = _ => new FileInfo(Path.Combine("events", "api-post-order-invalid.json")),
        };
        var logs = new Option<bool>("--logs") { Description = "Also print the functions' log lines." };
        var keep = new Option<bool>("--keep")
        {
            Description = $"Afterwards, keep serving the demo's traces and the trace viewer (port {UpCommand.DefaultXRayPort}, or a free one) until Ctrl+C.",
        };
        var command = new Command(
            "demo",
            "Starts the stack on free ports, submits sample orders, an invalid request and a poison message, prints each "
            + "request's end-to-end trace, and exits 0 only if everything ended where it should.")
        {
            orders, concurrency, orderEvent, invalidEvent, logs, keep,
        };
        common.AddTo(command);
        common.AddLimitsTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(orders);
            var parallel = parse.GetValue(concurrency);
            if (count < 1 || parallel < 1)
            {
                await Console.Error.WriteLineAsync("--orders and --concurrency must be at least 1.").ConfigureAwait(false);
                return 2;
            }

            var stack = common.ShortLivedStack(parse, parallel);
            var options = new DemoOptions(
                stack,
                count,
                parse.GetValue(orderEvent)!.FullName,
                parse.GetValue(invalidEvent)!.FullName,
                parallel,
                SettleTimeout(count));
            var printer = new StackPrinter(Console.Out, ConsoleStyle.ForConsole(), parse.GetValue(logs));
            var report = await DemoRunner.ExecuteAsync(options, printer.Progress, cancellationToken).ConfigureAwait(false);
            report.Print(printer.Output, printer.Style);
            if (parse.GetValue(keep))
            {
                await ServeTracesAsync(report.Traces, printer, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                printer.Output.WriteLine($"See these traces in the browser: add --keep (the trace viewer then serves them at http://127.0.0.1:{UpCommand.DefaultXRayPort}/), or run `up` and open the address it prints.");
            }

            return report.Passed ? 0 : 1;
        });
        return command;
    }

    /// <summary>45 s for the poison message's redeliveries, and a generous 20 orders a second beyond that.</summary>
    private static TimeSpan SettleTimeout(int orders) => TimeSpan.FromSeconds(45 + orders / 20.0);

    /// <summary>The stack has stopped; its traces are still in memory: serve them with the X-Ray API and the page.</summary>
    private static async Task ServeTracesAsync(TraceStore traces, StackPrinter printer, CancellationToken cancellationToken)
    {
        XRayApiHost host;
        try
        {
            host = await XRayApiHost.StartAsync(UpCommand.DefaultXRayPort, traces, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            host = await XRayApiHost.StartAsync(0, traces, cancellationToken).ConfigureAwait(false);
        }

        await using (host.ConfigureAwait(false))
        {
            printer.Output.WriteLine(printer.Style.Bold($"Trace viewer: {host.ViewerUrl}  (X-Ray API {host.BaseUrl}). Press Ctrl+C to stop."));
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                printer.Progress.Status("Stopping");
            }
        }
    }
}
