namespace OrderPipeline.Local.DynamoDb;

/// <summary>
/// A table to create: its name (3–255 of <c>[a-zA-Z0-9_.-]</c>), its partition (HASH) key and optional sort (RANGE)
/// key. Tables made this way are on-demand (<c>PAY_PER_REQUEST</c>) and <c>ACTIVE</c> at once.
/// </summary>
public sealed record DynamoDbTableDefinition(
    string Name,
    DynamoDbKeyElement PartitionKey,
    DynamoDbKeyElement? SortKey = null);

/// <summary>One key attribute of a table (a KeySchemaElement with its AttributeDefinition): its name and scalar type.</summary>
public sealed record DynamoDbKeyElement(string Name, DynamoDbKeyType Type);

/// <summary>The scalar types a key attribute can have, named as in <c>AttributeType</c> on the wire.</summary>
public enum DynamoDbKeyType
{
    /// <summary>String.</summary>
    S,

    /// <summary>Number.</summary>
    N,

    /// <summary>Binary.</summary>
    B,
}
