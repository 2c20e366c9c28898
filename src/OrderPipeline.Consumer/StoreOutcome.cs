namespace OrderPipeline.Consumer;

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
