using System.Text;

namespace OrderPipeline.Local.DynamoDb;

/// <summary>
/// Who watches a <see cref="DynamoDbService"/>: each handler, when set, is called on the request's thread, so it must
/// be thread-safe and must not throw.
/// </summary>
public sealed class DynamoDbEvents
{
    /// <summary>Every request, before it is answered, including those answered with an error.</summary>
    public Action<DynamoDbRequest>? RequestReceived { get; init; }

    /// <summary>Every item stored by PutItem or removed by DeleteItem, after the change.</summary>
    public Action<DynamoDbItemChange>? ItemChanged { get; init; }
}

/// <summary>
/// One HTTP request exactly as <see cref="DynamoDbService"/> received it, whether it was answered with success or an
/// error. <see cref="Operation"/> is the part of <c>X-Amz-Target</c> after <c>DynamoDB_20120810.</c> (null when the
/// header is absent or names another service); <see cref="Headers"/> are keyed case-insensitively.
/// </summary>
public sealed record DynamoDbRequest(
    string? Operation,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    DateTimeOffset ReceivedAt)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

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
