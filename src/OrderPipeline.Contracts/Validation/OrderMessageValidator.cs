using System.Text.Json;
using OrderPipeline.Contracts.Json;

namespace OrderPipeline.Contracts.Validation;

/// <summary>The rules of a queue message; its order goes through <see cref="OrderRequestValidator"/>.</summary>
internal static class OrderMessageValidator
{
    /// <summary>Returns the message, or null after adding every broken rule to <paramref name="errors"/>.</summary>
    public static OrderMessage? Validate(JsonElement element, List<ValidationError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ValidationError(JsonBody.WholeBody, ValidationMessages.MustBeObject));
            return null;
        }

        var errorCount = errors.Count;
        var properties = new JsonObjectReader(element, JsonBody.WholeBody, errors);
        if (!properties.TryGetRequired(JsonNames.Version, out var value, out var valuePointer))
        {
            return null;
        }

        if (!JsonValues.TryGetInt32(value, out var version))
        {
            errors.Add(new ValidationError(valuePointer, ValidationMessages.Version));
            return null;
        }

        if (version != OrderMessage.CurrentVersion)
        {
            errors.Add(new ValidationError(valuePointer, ValidationMessages.VersionNotSupported(version)));
            return null;
        }

        var orderId = default(OrderId);
        if (properties.TryGetRequired(JsonNames.OrderId, out value, out valuePointer)
            && !(JsonValues.TryGetString(value, out var orderIdText) && OrderId.TryParse(orderIdText, out orderId)))
        {
            errors.Add(new ValidationError(valuePointer, ValidationMessages.OrderId));
        }

        var acceptedAt = default(DateTimeOffset);
        if (properties.TryGetRequired(JsonNames.AcceptedAt, out value, out valuePointer)
            && !(JsonValues.TryGetString(value, out var acceptedAtText) && UtcTimestamp.TryParse(acceptedAtText, out acceptedAt)))
        {
            errors.Add(new ValidationError(valuePointer, ValidationMessages.AcceptedAt));
        }

        OrderRequest? order = null;
        if (properties.TryGetRequired(JsonNames.Order, out value, out valuePointer))
        {
            order = OrderRequestValidator.Validate(value, valuePointer, errors);
        }

        return errors.Count == errorCount ? new OrderMessage(orderId, acceptedAt, order!) : null;
    }
}
