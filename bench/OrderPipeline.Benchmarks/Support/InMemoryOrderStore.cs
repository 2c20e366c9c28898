using OrderPipeline.Consumer;
using OrderPipeline.Contracts;

namespace OrderPipeline.Benchmarks.Support;

/// <summary>The consumer's store without the network: at most one entry per order id, in a dictionary.</summary>
internal sealed class InMemoryOrderStore : IOrderStore
{
    private readonly Dictionary<OrderId, string> _messageIds = [];

    private static readonly Task<StoreOutcome> Stored = Task.FromResult(StoreOutcome.Stored);
    private static readonly Task<StoreOutcome> AlreadyStored = Task.FromResult(StoreOutcome.AlreadyStored);

    public Task<StoreOutcome> TryAddAsync(
        OrderMessage message, string messageId, DateTimeOffset processedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _messageIds.TryAdd(message.OrderId, messageId) ? Stored : AlreadyStored;
    }

    public void Clear() => _messageIds.Clear();
}
