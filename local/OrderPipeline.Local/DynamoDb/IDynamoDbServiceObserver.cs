namespace OrderPipeline.Local.DynamoDb;

/// <summary>Sees what the service receives and changes; called on request threads, so implementations are thread-safe.</summary>
public interface IDynamoDbServiceObserver
{
    /// <summary>Every request, before it is answered, including those answered with an error.</summary>
    void RequestReceived(DynamoDbRequest request);

    /// <summary>Every item stored by PutItem or removed by DeleteItem, after the change.</summary>
    void ItemChanged(DynamoDbItemChange change);
}
