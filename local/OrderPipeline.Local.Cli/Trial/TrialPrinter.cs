using System.Globalization;
using OrderPipeline.Local.Cli.Terminal;

namespace OrderPipeline.Local.Cli.Trial;

/// <summary>Prints a trial's figures, its dead letters with their reasons, and its checks.</summary>
internal static class TrialPrinter
{
    public static void Print(TrialReport report, TextWriter output, ConsoleStyle style)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(style);
        var figures = report.Figures;
        output.WriteLine();
        output.WriteLine(style.Bold("Trial"));
        output.WriteLine(Text($"  orders sent        {figures.Orders} ({figures.Requests} requests)"));
        output.WriteLine("  answers            " + string.Join(", ", figures.AnswersByStatus.Select(pair =>
            Text($"{(pair.Key == 0 ? "no answer" : pair.Key.ToString(CultureInfo.InvariantCulture))}: {pair.Value}"))));
        output.WriteLine("  faults injected");
        foreach (var fault in figures.Faults)
        {
            output.WriteLine(Text($"    {fault.Count,6}  {fault.Kind}"));
        }

        output.WriteLine(Text($"  accepted (202)     {figures.Accepted}"));
        output.WriteLine(Text($"  stored once        {figures.Stored}"));
        output.WriteLine(Text($"  in DLQ             {figures.DeadLettered}"));
        output.WriteLine(Text($"  lost               {figures.Lost}"));
        output.WriteLine(Text($"  duplicated         {figures.Duplicated}"));
        output.WriteLine(Text($"  time               start-up {report.StartUp.TotalSeconds:0.0} s, submitting and settling {report.Running.TotalSeconds:0.0} s"));
        foreach (var letter in report.DeadLetters)
        {
            output.WriteLine($"  dead letter {letter.MessageId} (order {letter.OrderId ?? "none"}):");
            foreach (var reason in letter.Reasons.DefaultIfEmpty("no reason found"))
            {
                output.WriteLine($"    {reason}");
            }
        }

        output.WriteLine("  (reasons come from the event source mapping's batch outcomes and the consumer's ProcessOrder subsegments)");
        foreach (var check in report.Checks)
        {
            output.WriteLine($"  {(check.Passed ? style.Green("PASS") : style.Red("FAIL"))}  {check.Name}: {check.Detail}");
        }

        output.WriteLine(report.Passed ? style.Green("Trial passed.") : style.Red("Trial failed."));
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
