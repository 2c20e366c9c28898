using System.Text.Json;
using OrderPipeline.Contracts.Json;

namespace OrderPipeline.Contracts.Validation;

/// <summary>
/// The order rules, applied to a JSON value at any pointer: the request body at "" and the message's order at "/order".
/// </summary>
internal static class OrderRequestValidator
{
    /// <summary>Returns the order, or null after adding every broken rule to <paramref name="errors"/>.</summary>
    public static OrderRequest? Validate(JsonElement element, string pointer, List<ValidationError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ValidationError(pointer, ValidationMessages.MustBeObject));
            return null;
        }

        var errorCount = errors.Count;
        var properties = new JsonObjectReader(element, pointer, errors);

        string? customerId = null;
        if (properties.TryGetRequired(JsonNames.CustomerId, out var value, out var valuePointer)
            && !(JsonValues.TryGetString(value, out customerId) && TextRules.IsCustomerId(customerId)))
        {
            errors.Add(new ValidationError(valuePointer, ValidationMessages.CustomerId));
        }

        string? currency = null;
        if (properties.TryGetRequired(JsonNames.Currency, out value, out valuePointer)
            && !(JsonValues.TryGetString(value, out currency) && TextRules.IsCurrency(currency)))
        {
            errors.Add(new ValidationError(valuePointer, ValidationMessages.Currency));
        }

        IReadOnlyList<OrderItem>? items = null;
        if (properties.TryGetRequired(JsonNames.Items, out value, out valuePointer))
        {
            items = ValidateItems(value, valuePointer, errors);
        }

        return errors.Count == errorCount
            ? new OrderRequest(customerId!, currency!, items!)
            : null;
    }

    private static OrderItem[]? ValidateItems(JsonElement element, string pointer, List<ValidationError> errors)
    {
        var count = element.ValueKind == JsonValueKind.Array ? element.GetArrayLength() : -1;
        if (count is < OrderRules.MinItems or > OrderRules.MaxItems)
        {
            // Items of an array out of bounds are not checked, which keeps the error list short for any body.
            errors.Add(new ValidationError(pointer, ValidationMessages.Items));
            return null;
        }

        var items = new OrderItem[count];
        var index = 0;
        foreach (var itemElement in element.EnumerateArray())
        {
            items[index] = OrderItemValidator.Validate(itemElement, JsonPointer.Append(pointer, index), errors)!;
            index++;
        }

        return items;
    }
}
