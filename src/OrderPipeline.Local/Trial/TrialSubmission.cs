namespace OrderPipeline.Local.Trial;

/// <summary>
/// Everything the client did for one order: every answer, in the order they came, whether it resent the order as
/// after a time-out, and how many times it resent it after a 5xx.
/// </summary>
internal sealed record TrialSubmission(TrialOrder Order, IReadOnlyList<TrialAnswer> Answers, bool ResentAsAfterTimeout, int ResentAfterFailure)
{
    public bool Accepted => Answers.Any(answer => answer.Accepted);

    /// <summary>Answered, and never 202: every answer a 5xx or none.</summary>
    public bool OnlyServerFailures => Answers.Count > 0 && Answers.All(answer => answer.IsServerFailure);

    /// <summary>The order id the 202 answers named (the first of them), or null when none was 202.</summary>
    public string? AcceptedOrderId => Answers.FirstOrDefault(answer => answer.Accepted)?.OrderId;
}
