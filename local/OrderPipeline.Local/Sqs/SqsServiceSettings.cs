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
