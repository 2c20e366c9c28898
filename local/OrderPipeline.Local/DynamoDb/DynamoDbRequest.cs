using System.Text;

namespace OrderPipeline.Local.DynamoDb;

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
