using System.Collections.ObjectModel;
using System.Text.Json;

namespace OrderPipeline.Local.Sqs.Operations;

/// <summary>Reads request members and writes attribute maps in the AWS JSON 1.0 shapes SQS uses.</summary>
internal static class SqsJson
{
    public static string RequiredString(JsonElement request, string name) =>
        OptionalString(request, name) ?? throw new SqsProtocolException(SqsError.MissingParameter(name));

    public static string? OptionalString(JsonElement request, string name) =>
        Member(request, name, JsonValueKind.String) is { } value ? Text(value, name) : null;

    public static int? OptionalInt(JsonElement request, string name) =>
        Member(request, name, JsonValueKind.Number) is { } value
            ? value.TryGetInt32(out var number) ? number : throw NotOfType(name, "an integer")
            : null;

    public static IReadOnlyList<string> StringList(JsonElement request, string name) =>
        Member(request, name, JsonValueKind.Array) is { } array
            ? [.. array.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String
                ? Text(item, name)
                : throw NotOfType(name, "a list of strings"))]
            : [];

    // A JSON string that is not text (an escaped lone surrogate such as "\ud800") is a bad parameter, not a crash.
    private static string Text(JsonElement value, string name)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw NotOfType(name, "a string of Unicode text");
        }
    }

    public static JsonElement? Member(JsonElement request, string name, JsonValueKind kind)
    {
        if (!request.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == kind ? value : throw NotOfType(name, kind.ToString());
    }

    /// <summary>
    /// Reads a <c>{"name":{"DataType":…,"StringValue":…|"BinaryValue":base64}}</c> map; an absent map is the shared
    /// empty one, as most messages carry no attributes and every accepted message keeps its maps while it is queued.
    /// </summary>
    public static IReadOnlyDictionary<string, SqsAttributeValue> Attributes(JsonElement request, string name)
    {
        if (Member(request, name, JsonValueKind.Object) is not { } map)
        {
            return ReadOnlyDictionary<string, SqsAttributeValue>.Empty;
        }

        var attributes = new Dictionary<string, SqsAttributeValue>(StringComparer.Ordinal);

        foreach (var attribute in map.EnumerateObject())
        {
            if (attribute.Value.ValueKind != JsonValueKind.Object)
            {
                throw NotOfType($"{name}.{attribute.Name}", "an object");
            }

            attributes[attribute.Name] = new SqsAttributeValue(
                OptionalString(attribute.Value, "DataType") ?? string.Empty,
                OptionalString(attribute.Value, "StringValue"),
                BinaryValue(attribute.Value, attribute.Name));
        }

        return attributes;
    }

    public static void WriteAttributes(
        Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, SqsAttributeValue> attributes)
    {
        writer.WriteStartObject(name);
        foreach (var (attributeName, value) in attributes)
        {
            writer.WriteStartObject(attributeName);
            writer.WriteString("DataType", value.DataType);
            if (value.StringValue is not null)
            {
                writer.WriteString("StringValue", value.StringValue);
            }
            else
            {
                writer.WriteBase64String("BinaryValue", value.BinaryValue);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static byte[]? BinaryValue(JsonElement attribute, string attributeName)
    {
        if (Member(attribute, "BinaryValue", JsonValueKind.String) is not { } value)
        {
            return null;
        }

        return value.TryGetBytesFromBase64(out var bytes)
            ? bytes
            : throw new SqsProtocolException(SqsError.InvalidParameterValue(
                $"Message attribute '{attributeName}' has a BinaryValue that is not valid base64."));
    }

    private static SqsProtocolException NotOfType(string name, string expected) =>
        new(SqsError.Serialization($"Member {name} must be {expected}."));
}
