using System.CommandLine;
using OrderPipeline.Local.Commands;

// The local stack's command line: `dotnet run --project src/OrderPipeline.Local -- <command>`.
var root = new RootCommand("OrderPipeline's local stack: the template's functions under local API Gateway, Lambda, SQS and X-Ray.")
{
    UpCliCommand.Create(),
    DemoCliCommand.Create(),
    InvokeCliCommand.Create(),
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
