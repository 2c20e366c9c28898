namespace OrderPipeline.Local.DynamoDb;

/// <summary>
/// How the local DynamoDB service presents itself: the region named in table ARNs
/// (<c>arn:aws:dynamodb:&lt;region&gt;:000000000000:table/&lt;name&gt;</c>) and the random faults it injects.
/// </summary>
public sealed record DynamoDbServiceSettings(string Region, DynamoDbFaultRates FaultRates)
{
    public const string DefaultRegion = "us-east-1";

    public static readonly DynamoDbServiceSettings Default = new(DefaultRegion, DynamoDbFaultRates.None);
}

/// <summary>
/// Random fault injection: each request of an operation in <paramref name="Operations"/> (every operation when null;
/// <c>PutItem</c>, say, to fail only writes) fails with HTTP 500 <c>InternalServerError</c> with probability
/// <paramref name="FailureShare"/>, else is throttled (<c>ThrottlingException</c>) with probability
/// <paramref name="ThrottleShare"/>. Both shares are in [0, 1] and add up to at most 1; the same
/// <paramref name="Seed"/> gives the same sequence of faults for the same sequence of requests. With
/// <paramref name="Tables"/> set, only requests naming one of those tables meet the random faults (the orders table,
/// say, and not the producer's idempotency table); scripted faults apply to every table.
/// </summary>
public sealed record DynamoDbFaultRates(
    double FailureShare, double ThrottleShare, int Seed, IReadOnlySet<string>? Operations = null, IReadOnlySet<string>? Tables = null)
{
    public static readonly DynamoDbFaultRates None = new(0, 0, 0);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a share is outside [0, 1] or their sum exceeds 1.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(FailureShare, 0, nameof(FailureShare));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(FailureShare, 1, nameof(FailureShare));
        ArgumentOutOfRangeException.ThrowIfLessThan(ThrottleShare, 0, nameof(ThrottleShare));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ThrottleShare, 1 - FailureShare, nameof(ThrottleShare));
    }
}
