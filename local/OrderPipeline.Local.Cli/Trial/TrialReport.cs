namespace OrderPipeline.Local.Cli.Trial;

/// <summary>
/// A trial's outcome: its figures, its checks (<see cref="Passed"/> decides the exit code), the dead-letter queue's
/// messages with their reasons, and how long the phases took.
/// </summary>
internal sealed record TrialReport(TrialFigures Figures, IReadOnlyList<TrialCheck> Checks, IReadOnlyList<DeadLetter> DeadLetters)
{
    public TimeSpan StartUp { get; init; }

    public TimeSpan Running { get; init; }

    public bool Passed => Checks.All(check => check.Passed);
}
