using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.Cli.Trial;

/// <summary>
/// The faults a trial injects. Shares are in [0, 1]: of the producer's SendMessage calls, failed (500) and throttled;
/// of the consumer's PutItem calls, failed (500); of SQS deliveries, left visible to be delivered again; of the client's
/// orders, sent a second time with the same Idempotency-Key and body while the first is in flight (as after a client
/// timeout), and followed by another order under the same key (<paramref name="KeyReuseShare"/>). <paramref name="ConsumerKills"/> consumer instances are killed (SIGKILL) while they hold a batch.
/// A request answered 5xx is sent again with the same key, up to <paramref name="ClientAttempts"/> attempts in all.
/// </summary>
internal sealed record TrialFaults(
    double SendFailureShare,
    double SendThrottleShare,
    double PutItemFailureShare,
    double DuplicateDeliveryShare,
    double ClientResendShare,
    double KeyReuseShare,
    int ConsumerKills,
    int ClientAttempts)
{
    public const double DefaultShare = 0.05;
    public const int DefaultClientAttempts = 3;

    /// <summary>One kill per 200 orders, at least one.</summary>
    public static int DefaultKills(int orders) => Math.Max(1, orders / 200);

    /// <summary>Null when every value is in range; else what is wrong.</summary>
    public string? Problem() =>
        new[] { SendFailureShare, SendThrottleShare, PutItemFailureShare, DuplicateDeliveryShare, ClientResendShare, KeyReuseShare }
            .Any(share => share is < 0 or > 1 || double.IsNaN(share)) ? "every share must be between 0 and 1"
        : SendFailureShare + SendThrottleShare > 1 ? "the SendMessage failure and throttle shares add up to more than 1"
        : ConsumerKills < 0 ? "the number of consumer kills must not be negative"
        : ClientAttempts < 1 ? "the client must make at least one attempt"
        : null;
}

/// <summary>
/// The faults a trial injected, by kind, in a fixed order: every kind the trial plans is listed, with 0 when it never
/// happened, followed by any other fault a service reports.
/// </summary>
internal static class TrialFaultCounts
{
    public const string SendFailed = "SQS SendMessage failed (InternalError)";
    public const string SendThrottled = "SQS SendMessage throttled (RequestThrottled)";
    public const string DuplicateDelivery = "SQS delivered a message again (duplicate delivery)";
    public const string PutItemFailed = "DynamoDB PutItem failed (InternalServerError)";
    public const string ConsumerKilled = "consumer instance killed holding a batch (SIGKILL)";
    public const string ClientResent = "order resent with the same Idempotency-Key, as after a client time-out";
    public const string ClientRetriedAfterFailure = "request resent with the same Idempotency-Key after a 5xx or a 409";
    public const string KeyReused = "Idempotency-Key reused for another order after the first was answered";
    public const string ClientRetriedAfterThrottle = "request resent with the same Idempotency-Key after a 429 (the stage's throttling), with back-off";

    private static readonly (string Service, string Operation, string Code, string Kind)[] Planned =
    [
        ("SQS", "SendMessage", "InternalError", SendFailed),
        ("SQS", "SendMessage", "RequestThrottled", SendThrottled),
        ("SQS", "ReceiveMessage", "DuplicateDelivery", DuplicateDelivery),
        ("DynamoDB", "PutItem", "InternalServerError", PutItemFailed),
    ];

    public static IReadOnlyList<TrialFaultCount> From(
        IReadOnlyList<InjectedFault> sqs,
        IReadOnlyList<InjectedFault> dynamoDb,
        int consumerKills,
        IReadOnlyList<TrialSubmission> submissions)
    {
        ArgumentNullException.ThrowIfNull(sqs);
        ArgumentNullException.ThrowIfNull(dynamoDb);
        ArgumentNullException.ThrowIfNull(submissions);
        var injected = sqs.Select(fault => (Service: "SQS", Fault: fault))
            .Concat(dynamoDb.Select(fault => (Service: "DynamoDB", Fault: fault)))
            .ToList();
        var counts = Planned
            .Select(planned => new TrialFaultCount(
                planned.Kind,
                injected.Where(entry => entry.Service == planned.Service
                        && entry.Fault.Operation == planned.Operation && entry.Fault.Code == planned.Code)
                    .Sum(entry => entry.Fault.Count)))
            .ToList();
        counts.Add(new TrialFaultCount(ConsumerKilled, consumerKills));
        counts.Add(new TrialFaultCount(ClientResent, submissions.Count(submission => submission.ResentAsAfterTimeout)));
        counts.Add(new TrialFaultCount(ClientRetriedAfterFailure, submissions.Sum(submission => submission.ResentAfterFailure)));
        counts.Add(new TrialFaultCount(KeyReused, submissions.Count(submission => submission.ReusedKey)));
        counts.Add(new TrialFaultCount(ClientRetriedAfterThrottle, submissions.Sum(submission => submission.ResentAfterThrottle)));
        counts.AddRange(injected
            .Where(entry => !Planned.Any(planned => planned.Service == entry.Service
                && planned.Operation == entry.Fault.Operation && planned.Code == entry.Fault.Code))
            .Select(entry => new TrialFaultCount($"{entry.Service} {entry.Fault.Operation} {entry.Fault.Code}", entry.Fault.Count)));
        return counts;
    }
}

/// <summary>How many faults of one kind the trial injected (e.g. "SendMessage InternalError", "consumer killed").</summary>
internal sealed record TrialFaultCount(string Kind, long Count);
