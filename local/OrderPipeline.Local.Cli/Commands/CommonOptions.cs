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

    public void AddTo(Command command)
    {
        command.Options.Add(Template);
        command.Options.Add(DataDirectory);
        command.Options.Add(Build);
    }
}
