using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Amazon.SQS;
using Amazon.SQS.Model;
using OrderPipeline.Local.ApiGateway;

namespace OrderPipeline.Local.Tests.ApiGateway;

/// <summary>
/// A request signed by a client this project did not write: the AWS SDK for .NET's own SigV4 signer
/// (<c>Amazon.Runtime.Internal.Auth.AWS4Signer</c> in AWSSDK.Core), which composes the URL, encodes the path and query
/// and chooses the signed headers itself.
/// </summary>
internal static class AwsSdkSigner
{
    public static HttpRequestMessage Sign(
        HttpMethod method,
        Uri endpoint,
        string resourcePath,
        IEnumerable<KeyValuePair<string, string>> query,
        string? contentType,
        byte[] body,
        LocalCredentials credentials,
        string region,
        DateTimeOffset signedAt,
        string service = "execute-api")
    {
        // Any AmazonWebServiceRequest will do: the signer reads only the IRequest around it.
        var request = new DefaultRequest(new SendMessageRequest(), service)
        {
            HttpMethod = method.Method,
            Endpoint = endpoint,
            ResourcePath = resourcePath,
            Content = body,
            UseQueryString = true,
        };
        foreach (var (name, value) in query)
        {
            request.Parameters.Add(name, value);
        }

        if (contentType is not null)
        {
            request.Headers["Content-Type"] = contentType;
        }

        var config = new AmazonSQSConfig { AuthenticationRegion = region, AuthenticationServiceName = service };
        var result = new AWS4Signer().SignRequest(
            request, config, null, credentials.AccessKeyId, credentials.SecretAccessKey, signedAt.UtcDateTime);
        var message = new HttpRequestMessage(method, AmazonServiceClient.ComposeUrl(request));
        if (body.Length > 0 || contentType is not null)
        {
            message.Content = new ByteArrayContent(body);
        }

        foreach (var (name, value) in request.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                message.Content!.Headers.TryAddWithoutValidation(name, value);
            }
            else if (!name.Equals("Host", StringComparison.OrdinalIgnoreCase)
                && !name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        message.Headers.TryAddWithoutValidation("Authorization", result.ForAuthorizationHeader);
        return message;
    }
}
