using System.Text.Json;

namespace OrderPipeline.Local.XRay.Api.Model;

/// <summary>Typed reads of optional fields of a segment document; each answers null when the field is absent or of another type.</summary>
internal static class JsonFields
{
    public static string? String(JsonElement element, string name) =>
        Field(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static double? Number(JsonElement element, string name) =>
        Field(element, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetDouble(out var number)
            ? number
            : null;

    public static bool IsTrue(JsonElement element, string name) =>
        Field(element, name) is { ValueKind: JsonValueKind.True };

    /// <summary>The member <paramref name="name"/> of an object, or null.</summary>
    public static JsonElement? Field(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;

    /// <summary>The member <paramref name="name"/> of the object <paramref name="parent"/> of <paramref name="element"/>, or null.</summary>
    public static JsonElement? Field(JsonElement element, string parent, string name) =>
        Field(element, parent) is { } outer ? Field(outer, name) : null;
}
