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
