using System.Collections.Concurrent;
using OrderPipeline.Local.DynamoDb;

namespace OrderPipeline.TestHelpers.DynamoDb;

/// <summary>Records what a <see cref="DynamoDbService"/> receives and changes, in order; thread-safe.</summary>
public sealed class DynamoDbEndpointRecorder
{
    private readonly ConcurrentQueue<DynamoDbRequest> _requests = new();
    private readonly ConcurrentQueue<DynamoDbItemChange> _changes = new();

    public IReadOnlyList<DynamoDbRequest> Requests => [.. _requests];

    public IReadOnlyList<DynamoDbItemChange> Changes => [.. _changes];

    public void RequestReceived(DynamoDbRequest request) => _requests.Enqueue(request);

    public void ItemChanged(DynamoDbItemChange change) => _changes.Enqueue(change);

    public DynamoDbEvents Events() => new() { RequestReceived = RequestReceived, ItemChanged = ItemChanged };
}
