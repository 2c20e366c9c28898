using OrderPipeline.Contracts;

namespace OrderPipeline.Consumer;

/// <summary>Where processed orders are kept: at most one record per order id, whatever the number of deliveries.</summary>
internal interface IOrderStore
{
    /// <summary>
    /// Stores the order unless one with its id is already stored. Returns false when it was (a redelivery, or a
    /// client's retry with the same Idempotency-Key): nothing is changed then. Throws when the store cannot say.
    /// </summary>
    Task<bool> TryAddAsync(OrderMessage message, string messageId, DateTimeOffset processedAt, CancellationToken cancellationToken);
}
