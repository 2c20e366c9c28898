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

/// <summary>What storing an order did.</summary>
internal enum StoreOutcome
{
    /// <summary>The order was not stored yet and now is.</summary>
    Stored,

    /// <summary>The same order was stored already (a redelivery, or a client's retry): nothing changed.</summary>
    AlreadyStored,

    /// <summary>
    /// Another order with the same id was stored already: a client reused an Idempotency-Key for a different order.
    /// Nothing changed; the first order stands.
    /// </summary>
    ConflictingOrder,
}
