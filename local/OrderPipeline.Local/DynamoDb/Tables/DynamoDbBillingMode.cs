namespace OrderPipeline.Local.DynamoDb.Tables;

/// <summary>
/// <c>PAY_PER_REQUEST</c> (capacities 0), or <c>PROVISIONED</c> with the read and write capacity units it was created with.
/// </summary>
internal sealed record DynamoDbBillingMode(string Mode, long ReadCapacityUnits, long WriteCapacityUnits)
{
    public const string PayPerRequest = "PAY_PER_REQUEST";
    public const string Provisioned = "PROVISIONED";

    public static readonly DynamoDbBillingMode OnDemand = new(PayPerRequest, 0, 0);
}
