namespace OrderPipeline.Local.Sqs;

/// <summary>
/// How the local SQS service presents itself: the region named in queue ARNs
/// (<c>arn:aws:sqs:&lt;region&gt;:000000000000:&lt;name&gt;</c>) and the random faults it injects.
/// </summary>
public sealed record SqsServiceSettings(string Region, SqsFaultRates FaultRates)
{
    public const string DefaultRegion = "us-east-1";

    public static readonly SqsServiceSettings Default = new(DefaultRegion, SqsFaultRates.None);
}

/// <summary>
/// Random fault injection: each request of an operation in <paramref name="Operations"/> (every operation when null)
/// fails with HTTP 500 <c>InternalError</c> with probability <paramref name="FailureShare"/>, else is throttled
/// (<c>RequestThrottled</c>) with probability <paramref name="ThrottleShare"/>; both are in [0, 1] and add up to at
/// most 1. Each message ReceiveMessage delivers stays visible, and is delivered again by the next receive (same
/// MessageId, a new receipt handle, as SQS's at-least-once delivery may do), with probability
/// <paramref name="DuplicateDeliveryShare"/> in [0, 1]. The same <paramref name="Seed"/> gives the same faults for the
/// same sequence of requests.
/// </summary>
public sealed record SqsFaultRates(
    double FailureShare,
    double ThrottleShare,
    int Seed,
    IReadOnlySet<string>? Operations = null,
    double DuplicateDeliveryShare = 0)
{
    public static readonly SqsFaultRates None = new(0, 0, 0);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a share is outside [0, 1] or the failure and
    /// throttle shares add up to more than 1.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(FailureShare, 0, nameof(FailureShare));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(FailureShare, 1, nameof(FailureShare));
        ArgumentOutOfRangeException.ThrowIfLessThan(ThrottleShare, 0, nameof(ThrottleShare));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ThrottleShare, 1 - FailureShare, nameof(ThrottleShare));
        ArgumentOutOfRangeException.ThrowIfLessThan(DuplicateDeliveryShare, 0, nameof(DuplicateDeliveryShare));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(DuplicateDeliveryShare, 1, nameof(DuplicateDeliveryShare));
    }
}
