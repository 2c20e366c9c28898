using System.Buffers;
using System.Globalization;
using System.Text.Json;
using OrderPipeline.Contracts;

namespace OrderPipeline.Local.Cli.Trial;

/// <summary>
/// Makes a trial's orders from its seed: order <c>i</c> has the Idempotency-Key <c>trial-&lt;seed&gt;-&lt;i&gt;</c>, one
/// of 50 customers, and one to three random items; its expected id is the one the producer derives from key and customer.
/// Its other body, for a client that reuses the key, has one more of its first item.
/// </summary>
internal static class TrialOrders
{
    private const int Customers = 50;

    public static IReadOnlyList<TrialOrder> Create(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
#pragma warning disable CA5394 // Seeded on purpose: the same seed gives the same orders.
        var random = new Random(seed);
        var orders = new List<TrialOrder>(count);
        for (var index = 0; index < count; index++)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"trial-{seed}-{index}");
            var customerId = string.Create(CultureInfo.InvariantCulture, $"trial-customer-{index % Customers}");
            var items = Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => (
                    Sku: string.Create(CultureInfo.InvariantCulture, $"SKU-{random.Next(10_000):D4}"),
                    Quantity: random.Next(1, 10),
                    UnitPrice: random.Next(1, 100_000) / 100m))
                .ToList();
#pragma warning restore CA5394
            _ = IdempotencyKey.TryParse(key, out var idempotencyKey);
            var expected = OrderId.FromIdempotencyKey(customerId, idempotencyKey).ToString();
            var other = items.ToList();
            other[0] = other[0] with { Quantity = other[0].Quantity + 1 };
            orders.Add(new TrialOrder(index, key, customerId, Body(customerId, items), expected, Body(customerId, other)));
        }

        return orders;
    }

    private static byte[] Body(string customerId, List<(string Sku, int Quantity, decimal UnitPrice)> items)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("customerId", customerId);
            writer.WriteString("currency", "EUR");
            writer.WriteStartArray("items");
            foreach (var (sku, quantity, unitPrice) in items)
            {
                writer.WriteStartObject();
                writer.WriteString("sku", sku);
                writer.WriteNumber("quantity", quantity);
                writer.WriteNumber("unitPrice", unitPrice);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>
/// One order the trial submits: its Idempotency-Key, its customer and body, and the id the producer must give it
/// (<c>OrderId.FromIdempotencyKey</c> of the customer and key), known before any answer. <see cref="OtherBody"/> is
/// another order of the same customer (its first item's quantity differs), which a client reusing the key sends.
/// </summary>
internal sealed record TrialOrder(int Index, string IdempotencyKey, string CustomerId, byte[] Body, string ExpectedOrderId, byte[] OtherBody);
