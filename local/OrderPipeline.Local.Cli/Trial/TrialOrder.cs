namespace OrderPipeline.Local.Cli.Trial;

/// <summary>
/// One order the trial submits: its Idempotency-Key, its customer and body, and the id the producer must give it
/// (<c>OrderId.FromIdempotencyKey</c> of the customer and key), known before any answer. <see cref="OtherBody"/> is
/// another order of the same customer (its first item's quantity differs), which a client reusing the key sends.
/// </summary>
internal sealed record TrialOrder(int Index, string IdempotencyKey, string CustomerId, byte[] Body, string ExpectedOrderId, byte[] OtherBody);
