namespace OrderPipeline.Local.DynamoDb;

/// <summary>
/// One item written or deleted by PutItem or DeleteItem: the images are the items' AWS JSON (<c>{"name":{"S":"…"}}</c>),
/// <see cref="OldImage"/> null when the key was free, <see cref="NewImage"/> null for a delete.
/// </summary>
public sealed record DynamoDbItemChange(
    string TableName,
    string Operation,
    string? OldImage,
    string? NewImage,
    DateTimeOffset ChangedAt);
