using System.Text.Json;

namespace OrderPipeline.Local.DynamoDb.Tables;

/// <summary>
/// A table's primary key: finds the key of an item or of a <c>Key</c> map as canonical text (equal keys such as N "1"
/// and N "1.0" give equal text), with the ValidationExceptions DynamoDB answers for missing or mistyped key attributes.
/// </summary>
internal sealed class DynamoDbKeySchema(DynamoDbKeyElement partitionKey, DynamoDbKeyElement? sortKey)
{
    private const string NoMatch = "The provided key element does not match the schema";

    public DynamoDbKeyElement PartitionKey { get; } = partitionKey;

    public DynamoDbKeyElement? SortKey { get; } = sortKey;

    public IEnumerable<DynamoDbKeyElement> Attributes => SortKey is null ? [PartitionKey] : [PartitionKey, SortKey];

    /// <summary>The key of an item to store; throws when a key attribute is missing, mistyped or empty.</summary>
    public string KeyOfItem(IReadOnlyDictionary<string, JsonElement> item) =>
        string.Join('\0', Attributes.Select(attribute => item.TryGetValue(attribute.Name, out var value)
            ? Canonical(attribute, value, mistyped: actual => DynamoDbError.InvalidParameter(
                $"Type mismatch for key {attribute.Name} expected: {attribute.Type} actual: {actual}"))
            : throw new DynamoDbProtocolException(DynamoDbError.InvalidParameter(
                $"Missing the key {attribute.Name} in the item"))));

    /// <summary>The key named by a <c>Key</c> (or <c>ExclusiveStartKey</c>) map, which holds exactly the key attributes.</summary>
    public string KeyOfKey(IReadOnlyDictionary<string, JsonElement> key, string prefix = "")
    {
        if (key.Count != Attributes.Count() || !Attributes.All(attribute => key.ContainsKey(attribute.Name)))
        {
            throw new DynamoDbProtocolException(DynamoDbError.Validation(prefix + NoMatch));
        }

        return string.Join('\0', Attributes.Select(attribute =>
            Canonical(attribute, key[attribute.Name], mistyped: _ => DynamoDbError.Validation(prefix + NoMatch))));
    }

    /// <summary>Only the key attributes of a stored item, in schema order.</summary>
    public IEnumerable<KeyValuePair<string, JsonElement>> KeyAttributes(IReadOnlyDictionary<string, JsonElement> item) =>
        Attributes.Select(attribute => KeyValuePair.Create(attribute.Name, item[attribute.Name]));

    private static string Canonical(DynamoDbKeyElement attribute, JsonElement value, Func<string, DynamoDbError> mistyped)
    {
        var type = AttributeValues.TypeOf(value);
        if (type != attribute.Type.ToString())
        {
            throw new DynamoDbProtocolException(mistyped(type));
        }

        var content = AttributeValues.Content(value);
        if (type != AttributeValues.Number && AttributeValues.CanonicalScalar(type, content).Length == 0)
        {
            throw new DynamoDbProtocolException(DynamoDbError.Validation(
                "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an "
                + $"empty {(type == AttributeValues.String ? "string" : "binary")} value. Key: {attribute.Name}"));
        }

        return AttributeValues.CanonicalScalar(type, content);
    }
}
