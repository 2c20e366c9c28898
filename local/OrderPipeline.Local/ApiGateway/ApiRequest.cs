using System.Security.Cryptography;

namespace OrderPipeline.Local.ApiGateway;

/// <summary>
/// An incoming request as API Gateway sees it. <c>StagePath</c> is the raw path with the stage (<c>/v1/orders</c>),
/// <c>Path</c> the raw path after it (<c>/orders</c>); <c>Headers</c> are in arrival order, one entry per name with
/// every value; <c>Query</c> holds the decoded parameters in order, repeats included; <c>Host</c> the
/// <c>Host</c> header (the event's <c>domainName</c>).
/// </summary>
internal sealed record ApiRequest(
    string Method,
    string Stage,
    string Path,
    string StagePath,
    IReadOnlyList<string> PathSegments,
    IReadOnlyList<KeyValuePair<string, string[]>> Headers,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    ReadOnlyMemory<byte> Body,
    string Protocol,
    string Host,
    string Url,
    string SourceIp,
    int LocalPort)
{
    /// <summary>The last value of a header, matched case-insensitively; null when absent.</summary>
    public string? Header(string name)
    {
        foreach (var (key, values) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase) && values.Length > 0)
            {
                return values[^1];
            }
        }

        return null;
    }
}

/// <summary>
/// What API Gateway stamps on a request: <c>RequestId</c> (a UUID, the <c>x-amzn-RequestId</c> response header),
/// <c>ExtendedRequestId</c> (16 base64 characters, the <c>x-amz-apigw-id</c> response header) and when it arrived.
/// </summary>
internal sealed record GatewayRequestIds(string RequestId, string ExtendedRequestId, DateTimeOffset ReceivedAt)
{
    public static GatewayRequestIds New(TimeProvider time) =>
        new(Guid.NewGuid().ToString(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(11)), time.GetUtcNow());
}
