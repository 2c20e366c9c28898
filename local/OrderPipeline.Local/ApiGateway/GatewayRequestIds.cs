using System.Security.Cryptography;

namespace OrderPipeline.Local.ApiGateway;

/// <summary>
/// What API Gateway stamps on a request: <c>RequestId</c> (a UUID, the <c>x-amzn-RequestId</c> response header),
/// <c>ExtendedRequestId</c> (16 base64 characters, the <c>x-amz-apigw-id</c> response header) and when it arrived.
/// </summary>
internal sealed record GatewayRequestIds(string RequestId, string ExtendedRequestId, DateTimeOffset ReceivedAt)
{
    public static GatewayRequestIds New(TimeProvider time) =>
        new(Guid.NewGuid().ToString(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(11)), time.GetUtcNow());
}
