namespace OrderPipeline.Local.Cli.Trial;

/// <summary>
/// Everything the client did for one order: every answer, in the order they came, whether it resent the order as
/// after a time-out, how many times it resent it after a 5xx or a 409, and the answers to the other order it sent with
/// the same key afterwards (empty when it did not reuse the key).
/// </summary>
internal sealed record TrialSubmission(
    TrialOrder Order,
    IReadOnlyList<TrialAnswer> Answers,
    bool ResentAsAfterTimeout,
    int ResentAfterFailure,
    IReadOnlyList<TrialAnswer> ReuseAnswers)
{
    public bool ReusedKey => ReuseAnswers.Count > 0;

    /// <summary>The first order was answered 202 at least once: its key is taken, and another order under it must get 422.</summary>
    public bool FirstOrderAccepted => Answers.Any(answer => answer.Accepted);

    /// <summary>
    /// An order under the key was answered 202: the first, or, when every answer to the first said it was certainly not
    /// accepted (its key then forgotten), the other order sent under the same key, which is then a new order.
    /// </summary>
    public bool Accepted => FirstOrderAccepted || ReuseAnswers.Any(answer => answer.Accepted);

    /// <summary>
    /// Every answer said "certainly not accepted": 500 (not retryable) or 503 (retry later). A 504 (outcome unknown),
    /// a 502 from API Gateway, or no answer at all leave the order's fate open.
    /// </summary>
    public bool OnlyRefusals => Answers.Count > 0 && Answers.All(answer => answer.Status is 500 or 503);

    /// <summary>The order id the 202 answers named (the first of them), or null when none was 202.</summary>
    public string? AcceptedOrderId => Answers.Concat(ReuseAnswers).FirstOrDefault(answer => answer.Accepted)?.OrderId;
}
