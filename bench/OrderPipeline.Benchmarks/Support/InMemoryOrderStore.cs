using OrderPipeline.Consumer;
using OrderPipeline.Contracts;

namespace OrderPipeline.Benchmarks.Support;

/// <summary>The consumer's store without the network: at most one entry per order id, in a dictionary.</summary>
internal sealed class InMemoryOrderStore : IOrderStore
{
    private readonly Dictionary<OrderId, string> _messageIds = [];

    public Task<bool> TryAddAsync(
        OrderMessage message, string messageId, DateTimeOffset processedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Task.FromResult(_messageIds.TryAdd(message.OrderId, messageId));
    }

    public void Clear() => _messageIds.Clear();
}
