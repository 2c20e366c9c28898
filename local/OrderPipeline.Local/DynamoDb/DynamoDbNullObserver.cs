namespace OrderPipeline.Local.DynamoDb;

/// <summary>The observer of a service nobody watches.</summary>
internal sealed class DynamoDbNullObserver : IDynamoDbServiceObserver
{
    public void RequestReceived(DynamoDbRequest request)
    {
    }

    public void ItemChanged(DynamoDbItemChange change)
    {
    }
}
