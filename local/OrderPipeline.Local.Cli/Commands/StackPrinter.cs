using OrderPipeline.Local.Lambda;
using OrderPipeline.Local.Stack;
using OrderPipeline.Local.Cli.Terminal;

namespace OrderPipeline.Local.Cli.Commands;

/// <summary>Prints the stack's progress to one synchronised writer: status lines, build output and function logs.</summary>
internal sealed class StackPrinter(TextWriter output, ConsoleStyle style, bool showFunctionLogs)
{
    public TextWriter Output { get; } = TextWriter.Synchronized(output);

    public ConsoleStyle Style => style;

    public StackEvents Progress => new(
        line => Output.WriteLine(style.Cyan("» ") + line),
        (function, line) => Output.WriteLine(style.Dim($"build {function} | {line}")),
        showFunctionLogs ? line => Output.WriteLine($"{style.Bold(line.FunctionName)}[{line.InstanceId}] | {line.Text}") : _ => { },
        line => Output.WriteLine(style.Red("! ") + line),
        line => Output.WriteLine(style.Dim("· ") + line));

    public void FunctionLog(FunctionLogLine line) => Progress.FunctionLog(line);
}
