using System.Text.Json;

namespace OrderPipeline.Contracts.Json;

/// <summary>The property names of the order contracts, encoded once for both the readers and the writers.</summary>
internal static class JsonNames
{
    public static readonly JsonEncodedText CustomerId = JsonEncodedText.Encode("customerId");
    public static readonly JsonEncodedText Currency = JsonEncodedText.Encode("currency");
    public static readonly JsonEncodedText Items = JsonEncodedText.Encode("items");
    public static readonly JsonEncodedText Sku = JsonEncodedText.Encode("sku");
    public static readonly JsonEncodedText Quantity = JsonEncodedText.Encode("quantity");
    public static readonly JsonEncodedText UnitPrice = JsonEncodedText.Encode("unitPrice");

    public static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
    public static readonly JsonEncodedText OrderId = JsonEncodedText.Encode("orderId");
    public static readonly JsonEncodedText AcceptedAt = JsonEncodedText.Encode("acceptedAt");
    public static readonly JsonEncodedText Order = JsonEncodedText.Encode("order");

    public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
}
