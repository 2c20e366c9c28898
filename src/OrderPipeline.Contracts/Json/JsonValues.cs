using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace OrderPipeline.Contracts.Json;

/// <summary>Reads JSON values without throwing, so that a wrong value becomes a validation error.</summary>
internal static class JsonValues
{
    public static bool TryGetString(JsonElement element, [NotNullWhen(true)] out string? value)
    {
        value = null;
        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            value = element.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate such as "\ud800" is valid JSON but not text.
            return false;
        }
    }

    /// <summary>An integer written without fraction or exponent ("2", not "2.0" or "2e0") that fits in an int.</summary>
    public static bool TryGetInt32(JsonElement element, out int value)
    {
        value = 0;
        return element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out value);
    }

    /// <summary>
    /// A number read as <see cref="decimal"/> (never through double), with its exact count of significant decimal
    /// places taken from the JSON text, which rounding in the decimal parser cannot hide (1e-400 reads as 0m).
    /// A minus sign, even on zero, makes the number negative.
    /// </summary>
    public static bool TryGetDecimal(JsonElement element, out decimal value, out bool negative, out long decimalPlaces)
    {
        value = 0m;
        negative = false;
        decimalPlaces = 0;
        if (element.ValueKind != JsonValueKind.Number)
        {
            return false;
        }

        var text = JsonMarshal.GetRawUtf8Value(element);
        negative = text[0] == (byte)'-';
        decimalPlaces = JsonNumberText.DecimalPlaces(text);
        return element.TryGetDecimal(out value);
    }
}
