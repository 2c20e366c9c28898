using System.Text.Json;
using OrderPipeline.Contracts.Json;

namespace OrderPipeline.Contracts.Validation;

/// <summary>The rules of one element of <c>items</c>.</summary>
internal static class OrderItemValidator
{
    /// <summary>Returns the item, or null after adding every broken rule to <paramref name="errors"/>.</summary>
    public static OrderItem? Validate(JsonElement element, string pointer, List<ValidationError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ValidationError(pointer, ValidationMessages.MustBeObject));
            return null;
        }

        var errorCount = errors.Count;
        var properties = new JsonObjectReader(element, pointer, errors);

        string? sku = null;
        if (properties.TryGetRequired(JsonNames.Sku, out var value, out var valuePointer)
            && !(JsonValues.TryGetString(value, out sku) && TextRules.IsSku(sku)))
        {
            errors.Add(new ValidationError(valuePointer, ValidationMessages.Sku));
        }

        var quantity = 0;
        if (properties.TryGetRequired(JsonNames.Quantity, out value, out valuePointer)
            && !(JsonValues.TryGetInt32(value, out quantity) && quantity is >= OrderRules.MinQuantity and <= OrderRules.MaxQuantity))
        {
            errors.Add(new ValidationError(valuePointer, ValidationMessages.Quantity));
        }

        var unitPrice = 0m;
        if (properties.TryGetRequired(JsonNames.UnitPrice, out value, out valuePointer)
            && !TryGetUnitPrice(value, out unitPrice))
        {
            errors.Add(new ValidationError(valuePointer, ValidationMessages.UnitPrice));
        }

        return errors.Count == errorCount ? new OrderItem(sku!, quantity, unitPrice) : null;
    }

    private static bool TryGetUnitPrice(JsonElement element, out decimal unitPrice)
    {
        if (!JsonValues.TryGetDecimal(element, out unitPrice, out var negative, out var decimalPlaces)
            || negative
            || unitPrice is < OrderRules.MinUnitPrice or > OrderRules.MaxUnitPrice
            || decimalPlaces > OrderRules.UnitPriceMaxDecimalPlaces)
        {
            return false;
        }

        // Drops insignificant trailing zeros past the allowed places: 19.990 becomes 19.99.
        unitPrice = decimal.Round(unitPrice, OrderRules.UnitPriceMaxDecimalPlaces);
        return true;
    }
}
