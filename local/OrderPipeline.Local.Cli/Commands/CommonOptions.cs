using System.CommandLine;
using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.Cli.Commands;

/// <summary>The options every command shares: the template, the data directory and how functions are built.</summary>
internal sealed class CommonOptions
{
    public Option<FileInfo> Template { get; } = new("--template", "-t")
    {
        Description = "The SAM template.",
        DefaultValueFactory = _ => new FileInfo("template.yaml"),
    };

    public Option<DirectoryInfo> DataDirectory { get; } = new("--data-dir")
    {
        Description = "Where builds (and, for up, traces) are kept.",
        DefaultValueFactory = _ => new DirectoryInfo(".orderpipeline"),
    };

    public Option<FunctionBuildMode> Build { get; } = new("--build")
    {
        Description = "How functions are built: Auto (Native AOT where possible, as sam build does here), Aot, ReadyToRun, "
            + "or Jit (quickest to build, for the inner loop).",
        DefaultValueFactory = _ => FunctionBuildMode.Auto,
    };

    /// <summary>
    /// The stack <c>demo</c> and <c>trial</c> run: every endpoint on a free port, traces not kept, the queues'
    /// visibility timeout shortened so that retries and dead-lettering happen while they wait, and every request and
    /// batch recorded (<see cref="StackOptions.SampleAll"/>), since both check each order's trace end to end
    /// (docs/local-stack.md, known differences). Both print that choice when the stack starts.
    /// </summary>
    public StackOptions ShortLivedStack(ParseResult parse, int functionConcurrency) => new(
        parse.GetValue(Template)!.FullName,
        parse.GetValue(DataDirectory)!.FullName,
        ApiPort: 0,
        SqsPort: 0,
        DynamoDbPort: 0,
        XRayPort: 0,
        parse.GetValue(Build),
        KeepTraces: false,
        functionConcurrency,
        StackOptions.ShortVisibilityTimeout,
        SampleAll: true);

    public void AddTo(Command command)
    {
        command.Options.Add(Template);
        command.Options.Add(DataDirectory);
        command.Options.Add(Build);
    }
}
