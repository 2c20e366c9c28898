using System.CommandLine;
using OrderPipeline.Local.Cli.Bench;
using OrderPipeline.Local.Cli.Bench.Sqs;
using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.Cli.Commands;

/// <summary>The <c>bench</c> command line: runs <see cref="BenchRunner"/>, prints the tables and writes the JSON.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var coldStart = new Option<bool>("--cold-start") { Description = "Measure cold starts (with no part named, all run)." };
        var pipeline = new Option<bool>("--pipeline") { Description = "Measure the local pipeline end to end." };
        var sqs = new Option<bool>("--sqs") { Description = "Measure SendMessage: the local endpoint's CPU against the SDK client's." };
        var modes = new Option<string>("--modes") { Description = "Build modes to cold-start, comma-separated: aot, r2r, jit.", DefaultValueFactory = _ => "aot,r2r,jit" };
        var exports = new Option<string>("--exports") { Description = "Trace exports to cold-start each function with, comma-separated: xray, otlp-udp.", DefaultValueFactory = _ => "xray,otlp-udp" };
        var runs = new Option<int>("--runs") { Description = "Cold starts per function and mode (each a fresh process).", DefaultValueFactory = _ => 10 };
        var pipelineMode = new Option<string>("--pipeline-mode") { Description = "Build mode of the functions in the pipeline part.", DefaultValueFactory = _ => "aot" };
        var orders = new Option<int>("--orders", "-n") { Description = "Orders the pipeline part submits.", DefaultValueFactory = _ => 1000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Pipeline requests in flight, and instances per function.", DefaultValueFactory = _ => 8 };
        var sqsMessages = new Option<int>("--sqs-messages") { Description = "SendMessage calls per SQS measurement.", DefaultValueFactory = _ => 10000 };
        var sqsConcurrency = new Option<int>("--sqs-concurrency") { Description = "SendMessage calls in flight.", DefaultValueFactory = _ => 32 };
        var quick = new Option<bool>("--quick") { Description = "Few runs, orders and calls (for CI: proves it runs, not the numbers)." };
        var json = new Option<FileInfo?>("--json") { Description = "Also write every figure, the machine and the options to this JSON file." };
        var apiEvent = new Option<FileInfo>("--api-event") { Description = "The API Gateway event of the Api-triggered function.", DefaultValueFactory = _ => new FileInfo(Path.Combine("events", "api-post-order.json")) };
        var sqsEvent = new Option<FileInfo>("--sqs-event") { Description = "An SQS event; its first body is used when a queue must be fed.", DefaultValueFactory = _ => new FileInfo(Path.Combine("events", "sqs-orders.json")) };
        var logs = new Option<bool>("--logs") { Description = "Also print the functions' log lines." };
        var command = new Command("bench", "Measures cold starts per build mode, the local pipeline's throughput, latency and CPU per order, and the SQS endpoint's CPU against the SDK client's.")
        {
            coldStart, pipeline, sqs, modes, exports, runs, pipelineMode, orders, concurrency, sqsMessages, sqsConcurrency, quick, json, apiEvent, sqsEvent, logs,
        };
        command.Options.Add(common.Template);
        command.Options.Add(common.DataDirectory);
        common.AddLimitsTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var isQuick = parse.GetValue(quick);
            int Pick(Option<int> option, int quickValue) =>
                isQuick && parse.GetResult(option) is null or { Implicit: true } ? quickValue : parse.GetValue(option);

            var parts = (parse.GetValue(coldStart) ? BenchParts.ColdStart : BenchParts.None)
                | (parse.GetValue(pipeline) ? BenchParts.Pipeline : BenchParts.None)
                | (parse.GetValue(sqs) ? BenchParts.Sqs : BenchParts.None);
            if (!TryParseModes(parse.GetValue(modes)!, out var modeList) || !TryParseModes(parse.GetValue(pipelineMode)!, out var pipelineModes)
                || pipelineModes.Count != 1)
            {
                await Console.Error.WriteLineAsync("--modes takes aot, r2r and jit, comma-separated; --pipeline-mode one of them.").ConfigureAwait(false);
                return 2;
            }

            if (!TraceExports.TryParse(parse.GetValue(exports)!, out var exportList))
            {
                await Console.Error.WriteLineAsync("--exports takes xray and otlp-udp, comma-separated.").ConfigureAwait(false);
                return 2;
            }

            var options = new BenchOptions(
                parse.GetValue(common.Template)!.FullName,
                parse.GetValue(common.DataDirectory)!.FullName,
                parse.GetValue(apiEvent)!.FullName,
                parse.GetValue(sqsEvent)!.FullName,
                parts == BenchParts.None ? BenchParts.All : parts,
                modeList,
                Pick(runs, 2),
                pipelineModes[0],
                Pick(orders, 40),
                Pick(concurrency, 4),
                Pick(sqsMessages, 500),
                parse.GetValue(sqsConcurrency),
                common.Overrides(parse),
                parse.GetValue(common.AccountConcurrency),
                exportList);
            if (options.Runs < 1 || options.Orders < 1 || options.Concurrency < 1 || options.SqsMessages < 1 || options.SqsConcurrency < 1)
            {
                await Console.Error.WriteLineAsync("--runs, --orders, --concurrency, --sqs-messages and --sqs-concurrency must be at least 1.").ConfigureAwait(false);
                return 2;
            }

            var printer = new StackPrinter(Console.Out, ConsoleStyle.ForConsole(), parse.GetValue(logs));
            var report = await BenchRunner.ExecuteAsync(options, printer.Progress, cancellationToken).ConfigureAwait(false);
            printer.Output.WriteLine();
            BenchTable.Print(report, printer.Output, printer.Style);
            if (parse.GetValue(json) is { } file)
            {
                await File.WriteAllBytesAsync(file.FullName, BenchJsonWriter.Write(report), cancellationToken).ConfigureAwait(false);
                printer.Output.WriteLine($"Wrote {file.FullName}");
            }

            return 0;
        });
        return command;
    }

    /// <summary>
    /// The hidden command <c>bench --sqs</c> starts for its separate-process AWSSDK.SQS client
    /// (<see cref="SdkClientDriver"/>): queue URL, SQS event, messages per round, calls in flight, warm-up calls, rounds.
    /// </summary>
    public static Command CreateSqsClientDriver()
    {
        var queueUrl = new Argument<string>("queue-url");
        var sqsEvent = new Argument<FileInfo>("sqs-event");
        var messages = new Argument<int>("messages");
        var concurrency = new Argument<int>("concurrency");
        var warmUp = new Argument<int>("warm-up");
        var rounds = new Argument<int>("rounds");
        var command = new Command(SdkClientDriver.CommandName, "The SDK client side of bench --sqs, driven over standard input and output.")
        {
            queueUrl, sqsEvent, messages, concurrency, warmUp, rounds,
        };
        command.Hidden = true;
        command.SetAction((parse, cancellationToken) => SdkClientDriver.DriveAsync(
            parse.GetValue(queueUrl)!,
            SqsBench.MessageBody(parse.GetValue(sqsEvent)!.FullName),
            parse.GetValue(messages),
            parse.GetValue(concurrency),
            parse.GetValue(warmUp),
            parse.GetValue(rounds),
            Console.In,
            Console.Out,
            cancellationToken));
        return command;
    }

    /// <summary>Reads <c>aot,r2r,jit</c> (any subset, in any order, no repeats).</summary>
    public static bool TryParseModes(string text, out IReadOnlyList<FunctionBuildMode> modes) =>
        TryParseList(text, name => name switch
        {
            "aot" => FunctionBuildMode.Aot,
            "r2r" => FunctionBuildMode.ReadyToRun,
            "jit" => FunctionBuildMode.Jit,
            _ => null,
        }, out modes);

    /// <summary>
    /// Reads a comma-separated list of names (any subset, in any order, no repeats, at least one), each read by
    /// <paramref name="read"/> (lower case; null for a name it does not know).
    /// </summary>
    public static bool TryParseList<T>(string text, Func<string, T?> read, out IReadOnlyList<T> items)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(read);
        var list = new List<T>();
        items = list;
        foreach (var name in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (read(name.ToLowerInvariant()) is not { } known || list.Contains(known))
            {
                return false;
            }

            list.Add(known);
        }

        return list.Count > 0;
    }
}
