using System.Text.Json;
using OrderPipeline.Contracts.Validation;

namespace OrderPipeline.Contracts.Json;

/// <summary>
/// Looks up the properties a contract defines in one JSON object and ignores all others, so that newer writers can add
/// fields. A defined property that is missing or given more than once (RFC 8259 leaves repeated names undefined) is
/// reported at its pointer.
/// </summary>
internal sealed class JsonObjectReader(JsonElement jsonObject, string pointer, List<ValidationError> errors)
{
    /// <summary>
    /// Finds <paramref name="name"/> and returns true with its value, or reports it missing or repeated and returns false.
    /// <paramref name="valuePointer"/> is the property's pointer, for errors about its value.
    /// </summary>
    public bool TryGetRequired(JsonEncodedText name, out JsonElement value, out string valuePointer)
    {
        valuePointer = JsonPointer.Append(pointer, name.Value);
        value = default;
        var count = 0;
        foreach (var property in jsonObject.EnumerateObject())
        {
            if (HasName(property, name) && count++ == 0)
            {
                value = property.Value;
            }
        }

        if (count != 1)
        {
            errors.Add(new ValidationError(valuePointer, count == 0 ? ValidationMessages.Required : ValidationMessages.Repeated));
        }

        return count == 1;
    }

    private static bool HasName(JsonProperty property, JsonEncodedText name)
    {
        try
        {
            return property.NameEquals(name.EncodedUtf8Bytes);
        }
        catch (InvalidOperationException)
        {
            // A name with an escaped lone surrogate such as "\ud800" is valid JSON but not text: not a contract name.
            return false;
        }
    }
}
