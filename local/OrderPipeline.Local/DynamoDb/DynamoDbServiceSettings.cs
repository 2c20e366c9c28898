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
