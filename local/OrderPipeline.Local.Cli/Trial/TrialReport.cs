using System.Globalization;

namespace OrderPipeline.Local.Cli.Trial;

/// <summary>
/// A trial's outcome: its figures, its checks (<see cref="Passed"/> decides the exit code), the dead-letter queue's
/// messages with their reasons, and how long the phases took.
/// </summary>
internal sealed record TrialReport(TrialFigures Figures, IReadOnlyList<RunCheck> Checks, IReadOnlyList<DeadLetter> DeadLetters)
{
    public TimeSpan StartUp { get; init; }

    public TimeSpan Running { get; init; }

    /// <summary>The limits the stack applied (throttling, concurrency, parameter overrides), one line each.</summary>
    public IReadOnlyList<string> Limits { get; init; } = [];

    public bool Passed => Checks.All(check => check.Passed);

    /// <summary>Prints the figures, the dead letters with their reasons, and the checks.</summary>
    public void Print(TextWriter output, ConsoleStyle style)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(style);
        var figures = Figures;
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
        output.WriteLine(Text($"  time               start-up {StartUp.TotalSeconds:0.0} s, submitting and settling {Running.TotalSeconds:0.0} s"));
        output.WriteLine("  limits");
        foreach (var limit in Limits)
        {
            output.WriteLine($"    {limit}");
        }

        foreach (var letter in DeadLetters)
        {
            output.WriteLine($"  dead letter {letter.MessageId} (order {letter.OrderId ?? "none"}):");
            foreach (var reason in letter.Reasons.DefaultIfEmpty("no reason found"))
            {
                output.WriteLine($"    {reason}");
            }
        }

        output.WriteLine("  (reasons come from the event source mapping's batch outcomes and the consumer's ProcessOrder subsegments)");
        foreach (var check in Checks)
        {
            check.Print(output, style);
        }

        output.WriteLine(Passed ? style.Green("Trial passed.") : style.Red("Trial failed."));
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}


/// <summary>The figures a trial prints: what was sent and answered, what was injected, and where the orders ended.</summary>
/// <param name="Orders">Orders submitted, each with its own Idempotency-Key.</param>
/// <param name="Requests">HTTP requests made, resends and other orders under a reused key included.</param>
/// <param name="AnswersByStatus">Answers by HTTP status (0: no answer), ascending, those to reused keys included.</param>
/// <param name="Faults">Faults injected, by kind.</param>
/// <param name="Accepted">Orders with at least one 202 answer.</param>
/// <param name="Stored">Accepted orders stored exactly once.</param>
/// <param name="DeadLettered">Accepted orders not stored but in the dead-letter queue.</param>
/// <param name="Lost">Accepted orders neither stored nor in the dead-letter queue.</param>
/// <param name="Duplicated">Orders created more than once or overwritten in the table.</param>
internal sealed record TrialFigures(
    int Orders,
    int Requests,
    IReadOnlyList<KeyValuePair<int, int>> AnswersByStatus,
    IReadOnlyList<TrialFaultCount> Faults,
    int Accepted,
    int Stored,
    int DeadLettered,
    int Lost,
    int Duplicated);

/// <summary>
/// A message found in the dead-letter queue, with the <c>orderId</c> its body names (null if none) and why its
/// deliveries failed (empty when no reason could be found).
/// </summary>
internal sealed record DeadLetter(string MessageId, string? OrderId, IReadOnlyList<string> Reasons);
