using System.CommandLine;
using OrderPipeline.Local.Cli.Commands;

// The local stack's command line: `dotnet run --project local/OrderPipeline.Local.Cli -- <command>`.
var root = new RootCommand("OrderPipeline's local stack: the template's functions under local API Gateway, Lambda, SQS and X-Ray.")
{
    UpCommand.Create(),
    DemoCommand.Create(),
    TrialCommand.Create(),
    InvokeCommand.Create(),
    BenchCommand.Create(),
    BenchCommand.CreateSqsClientDriver(),
};
// Ctrl+C (SIGINT) and SIGTERM cancel the command's token: System.CommandLine 2.0.0 leaves ProcessTerminationTimeout
// null unless it is set (dotnet/command-line-api#2739), and the Kestrel hosts would swallow the signal meanwhile.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(5) };
return await root.Parse(args).InvokeAsync(invocation).ConfigureAwait(false);
