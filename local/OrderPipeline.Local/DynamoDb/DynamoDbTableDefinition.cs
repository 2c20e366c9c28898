namespace OrderPipeline.Local.DynamoDb;

/// <summary>
/// A table to create: its name (3–255 of <c>[a-zA-Z0-9_.-]</c>), its partition (HASH) key and optional sort (RANGE)
/// key. Tables made this way are on-demand (<c>PAY_PER_REQUEST</c>) and <c>ACTIVE</c> at once.
/// </summary>
public sealed record DynamoDbTableDefinition(
    string Name,
    DynamoDbKeyElement PartitionKey,
    DynamoDbKeyElement? SortKey = null);
