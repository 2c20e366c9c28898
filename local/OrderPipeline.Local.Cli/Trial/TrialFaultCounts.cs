using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.Cli.Trial;

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
        counts.AddRange(injected
            .Where(entry => !Planned.Any(planned => planned.Service == entry.Service
                && planned.Operation == entry.Fault.Operation && planned.Code == entry.Fault.Code))
            .Select(entry => new TrialFaultCount($"{entry.Service} {entry.Fault.Operation} {entry.Fault.Code}", entry.Fault.Count)));
        return counts;
    }
}
