namespace OrderPipeline.Local.DynamoDb;

/// <summary>One key attribute of a table (a KeySchemaElement with its AttributeDefinition): its name and scalar type.</summary>
public sealed record DynamoDbKeyElement(string Name, DynamoDbKeyType Type);
