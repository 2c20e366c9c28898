using System.Text.Json;

namespace OrderPipeline.Local.DynamoDb.Tables;

/// <summary>An item as stored: its attributes (JSON kept as sent), its AWS JSON text and its size as DynamoDB counts it.</summary>
internal sealed record DynamoDbStoredItem(IReadOnlyDictionary<string, JsonElement> Attributes, string Json, long Size)
{
    /// <summary>Copies a checked <c>Item</c> member out of the request document, which is disposed after the call.</summary>
    public static DynamoDbStoredItem From(JsonElement item, long size)
    {
        var copy = item.Clone();
        var attributes = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var attribute in copy.EnumerateObject())
        {
            attributes[attribute.Name] = attribute.Value;
        }

        return new DynamoDbStoredItem(attributes, copy.GetRawText(), size);
    }
}
