using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json;
using OrderPipeline.Contracts.Json;
using OrderPipeline.Contracts.Validation;

namespace OrderPipeline.Contracts;

/// <summary>
/// The body of <c>POST /orders</c>. Two requests are equal when their fields and items, in order, are equal.
/// </summary>
public sealed record OrderRequest(string CustomerId, string Currency, IReadOnlyList<OrderItem> Items)
{
    /// <summary>Sum of the items' <see cref="OrderItem.LineTotal"/>, in the order's currency.</summary>
    public decimal Total => Items.Sum(item => item.LineTotal);

    /// <summary>
    /// Reads and validates a request body against <see cref="OrderRules"/>. Never throws.
    /// Every broken rule is reported, each at its own pointer; a body that is empty, too large, not UTF-8, not JSON
    /// or not an object gets one error for the whole body (pointer <c>""</c>). Unknown properties are ignored so that
    /// clients can send newer fields; a property of the contract given twice in one object is an error.
    /// Unit prices come back with at most two decimal places (19.990 reads as 19.99).
    /// </summary>
    /// <param name="utf8Json">The body as sent, UTF-8 without a byte order mark.</param>
    /// <param name="order">The order when the body is valid.</param>
    /// <param name="errors">Every broken rule when the body is invalid; empty otherwise.</param>
    public static bool TryParse(
        ReadOnlyMemory<byte> utf8Json,
        [NotNullWhen(true)] out OrderRequest? order,
        out IReadOnlyList<ValidationError> errors)
    {
        var found = new List<ValidationError>();
        order = null;
        if (utf8Json.Length > OrderRules.MaxBodyBytes)
        {
            found.Add(new ValidationError(JsonBody.WholeBody, ValidationMessages.BodyTooLarge));
        }
        else if (JsonBody.TryParse(utf8Json, found) is { } document)
        {
            using (document)
            {
                order = OrderRequestValidator.Validate(document.RootElement, JsonBody.WholeBody, found);
            }
        }

        errors = found;
        return order is not null;
    }

    public bool Equals(OrderRequest? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && string.Equals(CustomerId, other.CustomerId, StringComparison.Ordinal)
            && string.Equals(Currency, other.Currency, StringComparison.Ordinal)
            && Items.SequenceEqual(other.Items));

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(CustomerId, StringComparer.Ordinal);
        hash.Add(Currency, StringComparer.Ordinal);
        foreach (var item in Items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <summary>Writes the request as one JSON object, in the form <see cref="TryParse"/> reads.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString(JsonNames.CustomerId, CustomerId);
        writer.WriteString(JsonNames.Currency, Currency);
        writer.WriteStartArray(JsonNames.Items);
        foreach (var item in Items)
        {
            item.WriteTo(writer);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The request as compact UTF-8 JSON, e.g. a body for <c>POST /orders</c>.</summary>
    public byte[] ToUtf8Json() => JsonBuffer.ToUtf8(this, static (writer, order) => order.WriteTo(writer));

    /// <summary>
    /// SHA-256 of the order's compact JSON (<see cref="WriteTo"/>), 64 lowercase hex digits: the same for two bodies
    /// that differ only in spacing, property order or unknown properties, different when any field or item differs.
    /// The producer keeps it with an Idempotency-Key and the consumer with the stored order, to tell a retry of this
    /// order from another order sent under the same key.
    /// </summary>
    public string Digest() => Convert.ToHexStringLower(SHA256.HashData(ToUtf8Json()));
}
