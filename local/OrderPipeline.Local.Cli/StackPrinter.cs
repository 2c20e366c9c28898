using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.Cli;

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
}

/// <summary>
/// ANSI styling for a terminal, and none when the output is redirected or <c>NO_COLOR</c> is set
/// (https://no-color.org), so that logs and CI output stay plain text.
/// </summary>
internal sealed class ConsoleStyle(bool enabled)
{
    public static ConsoleStyle ForConsole() =>
        new(!Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")));

    public string Bold(string text) => Wrap("1", text);

    public string Dim(string text) => Wrap("2", text);

    public string Green(string text) => Wrap("32", text);

    public string Red(string text) => Wrap("31", text);

    public string Cyan(string text) => Wrap("36", text);

    private string Wrap(string code, string text) => enabled ? $"\u001b[{code}m{text}\u001b[0m" : text;
}

/// <summary>One condition a run's exit code depends on (<c>demo</c>, <c>trial</c>): whether it held, and what shows it.</summary>
internal sealed record RunCheck(string Name, bool Passed, string Detail)
{
    public void Print(TextWriter output, ConsoleStyle style) =>
        output.WriteLine($"  {(Passed ? style.Green("PASS") : style.Red("FAIL"))}  {Name}: {Detail}");
}
