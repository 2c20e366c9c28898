using System.Globalization;
using OrderPipeline.Contracts;

namespace OrderPipeline.Local.Cli.Trial;

/// <summary>
/// Turns what a trial saw into its figures and checks: every order answered 202 is stored exactly once or sits in the
/// dead-letter queue with a reason; no order was answered 202 without a message on the queue; no order was stored
/// twice; nothing answered only 500 or 503 was stored (a 504 or no answer means the outcome is unknown); every answer for one key named the order that key derives; every 202
/// replayed for a key named an order that reached the table or the dead-letter queue; every other order sent under a
/// used key was refused with 422 and never reached the queue; and the queue drained before the time-out.
/// </summary>
internal static class TrialReconciler
{
    private const int ListedIds = 5;

    public static TrialReport Reconcile(TrialEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var accepted = evidence.Submissions.Where(submission => submission.Accepted).ToList();
        var creations = evidence.Writes.Where(write => write.OrderId is not null && !write.Overwrote)
            .GroupBy(write => write.OrderId!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        var overwritten = evidence.Writes.Where(write => write.OrderId is not null && write.Overwrote)
            .Select(write => write.OrderId!).ToHashSet(StringComparer.Ordinal);
        var deadLetters = evidence.DeadLetters.Where(letter => letter.OrderId is not null)
            .ToLookup(letter => letter.OrderId!, StringComparer.Ordinal);
        var sentOrderIds = evidence.Sent.Where(sent => sent.OrderId is not null)
            .Select(sent => sent.OrderId!).ToHashSet(StringComparer.Ordinal);

        bool IsStored(string id) => evidence.Stored.Contains(id) || creations.ContainsKey(id) || overwritten.Contains(id);

        bool StoredOnce(string id) =>
            evidence.Stored.Contains(id) && creations.GetValueOrDefault(id) == 1 && !overwritten.Contains(id);

        var ids = accepted.Select(submission => submission.AcceptedOrderId ?? submission.Order.ExpectedOrderId).ToList();
        var storedOnce = ids.Where(StoredOnce).ToList();
        var notStored = ids.Where(id => !StoredOnce(id)).ToList();
        var deadLettered = notStored.Where(deadLetters.Contains).ToList();
        var withoutReason = deadLettered.Where(id => deadLetters[id].All(letter => letter.Reasons.Count == 0)).ToList();
        var lost = notStored.Where(id => !deadLetters.Contains(id)).ToList();
        var unsent = ids.Where(id => !sentOrderIds.Contains(id)).ToList();
        var duplicated = creations.Where(pair => pair.Value > 1).Select(pair => pair.Key)
            .Union(overwritten, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var sentDigests = evidence.Sent.Where(sent => sent.OrderDigest is not null)
            .Select(sent => sent.OrderDigest!).ToHashSet(StringComparer.Ordinal);
        // A refused order must never reach the queue (by its digest). Its id may still be stored: when every answer
        // said "certainly not accepted", the producer forgot the key, and another order sent under it later is a new
        // order with the same derived id.
        var refusedButStored = evidence.Submissions
            .Where(submission => submission.OnlyRefusals)
            .Where(submission => (Digest(submission.Order.Body) is { } digest && sentDigests.Contains(digest))
                || (!submission.ReuseAnswers.Any(answer => answer.Accepted) && IsStored(submission.Order.ExpectedOrderId)))
            .Select(submission => submission.Order.ExpectedOrderId)
            .ToList();
        var replayed = evidence.Submissions
            .Where(submission => submission.Answers.Any(answer => answer.Accepted && answer.Replayed))
            .Select(submission => submission.Order.ExpectedOrderId)
            .ToList();
        var replayedMissing = replayed.Where(id => !StoredOnce(id) && !deadLetters.Contains(id)).ToList();
        var reuses = evidence.Submissions.Where(submission => submission.ReusedKey && submission.FirstOrderAccepted).ToList();
        var reuseRefused = reuses.Count(submission => submission.ReuseAnswers.Any(answer => answer.Status == 422));
        var reuseLetIn = reuses
            .Where(submission => submission.ReuseAnswers.Any(answer => answer.Accepted)
                || (Digest(submission.Order.OtherBody) is { } digest && sentDigests.Contains(digest)))
            .Select(submission => submission.Order.IdempotencyKey)
            .ToList();
        var misnamed = evidence.Submissions
            .Where(submission => submission.Answers.Concat(submission.ReuseAnswers)
                .Any(answer => answer.Accepted && answer.OrderId != submission.Order.ExpectedOrderId))
            .Select(submission => submission.Order.IdempotencyKey)
            .ToList();

        List<RunCheck> checks =
        [
            new(
                "the orders queue drained before the time-out",
                evidence.Settled,
                evidence.Settled ? "settled" : "unsettled: " + (lost.Count > 0 ? Listed(lost) : "messages still in flight")),
            new(
                "every order answered 202 is stored exactly once or sits in the dead-letter queue with its reason",
                notStored.Count == deadLettered.Count && withoutReason.Count == 0,
                Count($"{storedOnce.Count} of {accepted.Count} stored exactly once, {deadLettered.Count} in the dead-letter queue")
                + (withoutReason.Count > 0 ? $"; without a reason: {Listed(withoutReason)}" : "")
                + (lost.Count > 0 ? $"; lost: {Listed(lost)}" : "")),
            new(
                "no order answered 202 without a message on the queue",
                unsent.Count == 0,
                unsent.Count == 0 ? Count($"all {accepted.Count} sent") : $"no message for {Listed(unsent)}"),
            new(
                "no order stored twice",
                duplicated.Count == 0,
                duplicated.Count == 0
                    ? Count($"{creations.Count} created once each, none overwritten")
                    : $"created twice or overwritten: {Listed(duplicated)}"),
            new(
                "nothing answered only 500, 503 or 429 (certainly not accepted) was queued or stored",
                refusedButStored.Count == 0,
                Count($"{evidence.Submissions.Count(submission => submission.OnlyRefusals)} answered only 500, 503 or 429")
                + (refusedButStored.Count > 0 ? $"; stored: {Listed(refusedButStored)}" : ", none stored")),
            new(
                "every 202 replayed for an Idempotency-Key names an order in the table or the dead-letter queue",
                replayedMissing.Count == 0,
                Count($"{replayed.Count} order(s) answered with a replay")
                + (replayedMissing.Count > 0 ? $"; missing: {Listed(replayedMissing)}" : ", all there")),
            new(
                "no other order sent under an accepted order's Idempotency-Key was accepted or queued",
                reuseLetIn.Count == 0,
                Count($"{reuses.Count} accepted order's key(s) reused, {reuseRefused} answered 422")
                + (reuseLetIn.Count > 0 ? $"; accepted or queued for keys {Listed(reuseLetIn)}" : ", none accepted or queued")),
            new(
                "every 202 for an Idempotency-Key named the order that key derives",
                misnamed.Count == 0,
                misnamed.Count == 0 ? "all consistent" : $"other order ids for keys {Listed(misnamed)}"),
        ];

        var figures = new TrialFigures(
            evidence.Submissions.Count,
            evidence.Submissions.Sum(submission => submission.Answers.Count + submission.ReuseAnswers.Count),
            [.. evidence.Submissions.SelectMany(submission => submission.Answers.Concat(submission.ReuseAnswers))
                .GroupBy(answer => answer.Status)
                .OrderBy(group => group.Key)
                .Select(group => KeyValuePair.Create(group.Key, group.Count()))],
            evidence.Faults,
            accepted.Count,
            storedOnce.Count,
            deadLettered.Count,
            lost.Count,
            duplicated.Count);
        return new TrialReport(figures, checks, evidence.DeadLetters);
    }

    private static string Count(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The digest the producer and the consumer keep for an order body; null when the body is not an order.</summary>
    private static string? Digest(byte[] body) => OrderRequest.TryParse(body, out var order, out _) ? order.Digest() : null;

    private static string Listed(List<string> ids) =>
        string.Join(", ", ids.Take(ListedIds))
        + (ids.Count > ListedIds ? string.Create(CultureInfo.InvariantCulture, $" and {ids.Count - ListedIds} more") : "");
}

/// <summary>
/// What a trial saw, for <see cref="TrialReconciler"/>: every submission with its answers, the messages SQS accepted on
/// the orders queue (its observer), the PutItem changes of the orders table (its observer), the order ids in the table at
/// the end (a Scan), the messages in the dead-letter queue with their reasons, the faults injected, and whether the
/// orders queue drained before the time-out.
/// </summary>
internal sealed record TrialEvidence(
    IReadOnlyList<TrialSubmission> Submissions,
    IReadOnlyList<OrderMessageSent> Sent,
    IReadOnlyList<OrderItemWrite> Writes,
    IReadOnlySet<string> Stored,
    IReadOnlyList<DeadLetter> DeadLetters,
    IReadOnlyList<TrialFaultCount> Faults,
    bool Settled);
