using System.CommandLine;
using System.Text;
using OrderPipeline.Local.Lambda;

namespace OrderPipeline.Local.Cli.Commands;

/// <summary>The <c>invoke</c> command line: parses its arguments, runs <see cref="FunctionInvoker"/> and prints the outcome.</summary>
internal static class InvokeCommand
{
    public static Command Create()
    {
        var logicalId = new Argument<string>("LogicalId") { Description = "The function's logical id in the template." };
        var eventFile = new Option<FileInfo>("--event", "-e") { Description = "The event file (JSON).", Required = true };
        var common = new CommonOptions();
        var artifacts = new Option<DirectoryInfo?>("--artifacts")
        {
            Description = "Run an existing build (a folder holding bootstrap) instead of building.",
        };
        var command = new Command("invoke", "Runs one function once on an event, as sam local invoke does, without Docker.")
        {
            logicalId, eventFile, artifacts,
        };
        common.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(
            new InvokeOptions(
                parse.GetValue(logicalId)!,
                parse.GetValue(eventFile)!.FullName,
                parse.GetValue(common.Template)!.FullName,
                parse.GetValue(common.DataDirectory)!.FullName,
                parse.GetValue(artifacts)?.FullName,
                parse.GetValue(common.Build),
                parse.GetValue(common.StackName)),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(InvokeOptions options, CancellationToken cancellationToken)
    {
        var output = TextWriter.Synchronized(Console.Out);
        var outcome = await FunctionInvoker.InvokeAsync(
            options,
            line => output.WriteLine($"build | {line}"),
            line => output.WriteLine($"{line.FunctionName}[{line.InstanceId}] | {line.Text}"),
            cancellationToken).ConfigureAwait(false);

        var result = outcome.Result;
        output.WriteLine();
        if (result.Succeeded)
        {
            output.WriteLine("Response:");
            output.WriteLine(result.Response is { } response ? Encoding.UTF8.GetString(response.Span) : "");
        }
        else
        {
            output.WriteLine($"Error: {result.Error!.ErrorType}: {result.Error.ErrorMessage}");
        }

        output.WriteLine(Timings(result));
        output.WriteLine();
        output.WriteLine($"Trace {outcome.TraceId}:");
        foreach (var line in TraceTree.Render(outcome.Trace))
        {
            output.WriteLine("  " + line);
        }

        return result.Succeeded ? 0 : 1;
    }

    private static string Timings(InvocationResult result) => result.InitDuration is { } init
        ? $"Duration: {result.Duration.TotalMilliseconds:0.0} ms  Init Duration: {init.TotalMilliseconds:0.0} ms"
        : $"Duration: {result.Duration.TotalMilliseconds:0.0} ms";
}
