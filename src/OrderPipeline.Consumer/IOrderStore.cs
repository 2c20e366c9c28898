using OrderPipeline.Contracts;

namespace OrderPipeline.Consumer;

/// <summary>Where processed orders are kept: at most one record per order id, whatever the number of deliveries.</summary>
internal interface IOrderStore
{
    /// <summary>
    /// Stores the order unless one with its id is already stored; then nothing is changed, and the outcome says
    /// whether the stored one is the same order. Throws when the store cannot say.
    /// </summary>
    Task<StoreOutcome> TryAddAsync(OrderMessage message, string messageId, DateTimeOffset processedAt, CancellationToken cancellationToken);
}
