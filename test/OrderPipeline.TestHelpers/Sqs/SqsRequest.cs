using System.Text;
using LocalSqs = OrderPipeline.Local.Sqs;

namespace OrderPipeline.TestHelpers.Sqs;

/// <summary>
/// One HTTP request exactly as <see cref="SqsEndpoint"/> received it (see <see cref="LocalSqs.SqsRequest"/>):
/// <see cref="Operation"/> is the part of <c>X-Amz-Target</c> after <c>AmazonSQS.</c>, <see cref="Headers"/> are keyed
/// case-insensitively, <see cref="Body"/> is the raw request body.
/// </summary>
public sealed record SqsRequest(
    string? Operation,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    DateTimeOffset ReceivedAt)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    internal static SqsRequest From(LocalSqs.SqsRequest request) =>
        new(request.Operation, request.Headers, request.Body, request.ReceivedAt);
}
