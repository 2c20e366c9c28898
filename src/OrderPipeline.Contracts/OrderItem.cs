using System.Text.Json;
using OrderPipeline.Contracts.Json;

namespace OrderPipeline.Contracts;

/// <summary>One line of an order; <see cref="UnitPrice"/> is the price of one unit in the order's currency.</summary>
public sealed record OrderItem(string Sku, int Quantity, decimal UnitPrice)
{
    /// <summary><see cref="Quantity"/> × <see cref="UnitPrice"/>.</summary>
    public decimal LineTotal => Quantity * UnitPrice;

    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString(JsonNames.Sku, Sku);
        writer.WriteNumber(JsonNames.Quantity, Quantity);
        writer.WriteNumber(JsonNames.UnitPrice, UnitPrice);
        writer.WriteEndObject();
    }
}
