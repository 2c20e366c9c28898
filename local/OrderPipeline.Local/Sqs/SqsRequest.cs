using System.Text;

namespace OrderPipeline.Local.Sqs;

/// <summary>
/// One HTTP request exactly as <see cref="SqsService"/> received it, whether it was answered with success or an error.
/// <see cref="Operation"/> is the part of <c>X-Amz-Target</c> after <c>AmazonSQS.</c> (null when the header is absent
/// or names another service); <see cref="Headers"/> holds every request header, keyed case-insensitively, repeated
/// headers joined with commas; <see cref="Body"/> is the raw request body.
/// </summary>
public sealed record SqsRequest(
    string? Operation,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    DateTimeOffset ReceivedAt)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
