using OrderPipeline.Contracts;

namespace OrderPipeline.Consumer.Tests;

/// <summary>An in-memory <see cref="IOrderStore"/>: the first add of an order id wins (a later one is the same order or a
/// conflicting one); named message ids fail.</summary>
internal sealed class FakeOrderStore : IOrderStore
{
    private readonly Dictionary<OrderId, (OrderMessage Message, string MessageId, DateTimeOffset ProcessedAt)> _orders = [];
    private readonly HashSet<string> _failing = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<OrderId, (OrderMessage Message, string MessageId, DateTimeOffset ProcessedAt)> Orders => _orders;

    public int Calls { get; private set; }

    public CancellationToken LastToken { get; private set; }

    /// <summary>Every add for a record with this message id throws, as a store that cannot be reached does.</summary>
    public void FailFor(string messageId) => _failing.Add(messageId);

    public Task<StoreOutcome> TryAddAsync(OrderMessage message, string messageId, DateTimeOffset processedAt, CancellationToken cancellationToken)
    {
        Calls++;
        LastToken = cancellationToken;
        if (_failing.Contains(messageId))
        {
            throw new InvalidOperationException("The store could not be reached.");
        }

        if (_orders.TryGetValue(message.OrderId, out var stored))
        {
            return Task.FromResult(stored.Message.Order == message.Order ? StoreOutcome.AlreadyStored : StoreOutcome.ConflictingOrder);
        }

        _orders.Add(message.OrderId, (message, messageId, processedAt));
        return Task.FromResult(StoreOutcome.Stored);
    }
}
