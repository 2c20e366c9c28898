using System.Text;

namespace OrderPipeline.Lambda.Events;

/// <summary>The event of an API Gateway REST API Lambda proxy integration (payload format 1.0).</summary>
public sealed class ApiGatewayProxyRequest
{
    public string? Resource { get; set; }

    public string? Path { get; set; }

    public string? HttpMethod { get; set; }

    /// <summary>Header names as the client sent them; for a repeated header, the last value.</summary>
    public IDictionary<string, string>? Headers { get; set; }

    public IDictionary<string, IList<string>>? MultiValueHeaders { get; set; }

    public IDictionary<string, string>? QueryStringParameters { get; set; }

    public IDictionary<string, IList<string>>? MultiValueQueryStringParameters { get; set; }

    public IDictionary<string, string>? PathParameters { get; set; }

    public IDictionary<string, string>? StageVariables { get; set; }

    public ApiGatewayRequestContext? RequestContext { get; set; }

    /// <summary>The request body: base64 when <see cref="IsBase64Encoded"/>, otherwise the text as sent.</summary>
    public string? Body { get; set; }

    public bool IsBase64Encoded { get; set; }

    /// <summary>
    /// The body's bytes: base64-decoded when <see cref="IsBase64Encoded"/>, UTF-8 otherwise; empty when there is no body.
    /// Throws <see cref="FormatException"/> when the body claims to be base64 and is not.
    /// </summary>
    public byte[] DecodeBody() => Body switch
    {
        null or "" => [],
        _ when IsBase64Encoded => Convert.FromBase64String(Body),
        _ => Encoding.UTF8.GetBytes(Body),
    };

    /// <summary>
    /// A header's value, looked up case-insensitively (HTTP names are, and API Gateway passes them as the client
    /// spelled them): from <see cref="Headers"/>, else the last of <see cref="MultiValueHeaders"/>; null when absent.
    /// </summary>
    public string? GetHeader(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Find(Headers, name) is { } value)
        {
            return value;
        }

        return Find(MultiValueHeaders, name) is [.., var last] ? last : null;
    }

    private static TValue? Find<TValue>(IDictionary<string, TValue>? map, string name)
        where TValue : class
    {
        if (map is null)
        {
            return null;
        }

        if (map.TryGetValue(name, out var exact))
        {
            return exact;
        }

        foreach (var (key, value) in map)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}

/// <summary>The <c>requestContext</c> of a REST API proxy event.</summary>
public sealed class ApiGatewayRequestContext
{
    public string? AccountId { get; set; }

    public string? ApiId { get; set; }

    public string? ResourceId { get; set; }

    public string? ResourcePath { get; set; }

    public string? Stage { get; set; }

    public string? RequestId { get; set; }

    public string? ExtendedRequestId { get; set; }

    public string? HttpMethod { get; set; }

    public string? Path { get; set; }

    public string? Protocol { get; set; }

    public string? DomainName { get; set; }

    /// <summary>As API Gateway writes it, e.g. <c>09/Apr/2015:12:34:56 +0000</c>.</summary>
    public string? RequestTime { get; set; }

    /// <summary>Epoch milliseconds.</summary>
    public long RequestTimeEpoch { get; set; }

    public ApiGatewayRequestIdentity? Identity { get; set; }
}

/// <summary>The <c>requestContext.identity</c> of a REST API proxy event; most fields are null without IAM or Cognito.</summary>
public sealed class ApiGatewayRequestIdentity
{
    public string? SourceIp { get; set; }

    public string? UserAgent { get; set; }

    public string? AccountId { get; set; }

    public string? Caller { get; set; }

    public string? User { get; set; }

    public string? UserArn { get; set; }

    public string? AccessKey { get; set; }

    public string? ApiKey { get; set; }

    public string? ApiKeyId { get; set; }

    public string? CognitoIdentityPoolId { get; set; }

    public string? CognitoIdentityId { get; set; }

    public string? CognitoAuthenticationType { get; set; }

    public string? CognitoAuthenticationProvider { get; set; }
}

/// <summary>What a REST API proxy integration returns; null members are left out of the JSON.</summary>
public sealed class ApiGatewayProxyResponse
{
    public int StatusCode { get; set; }

    public IDictionary<string, string>? Headers { get; set; }

    public IDictionary<string, IList<string>>? MultiValueHeaders { get; set; }

    public string? Body { get; set; }

    /// <summary>True when <see cref="Body"/> is base64 of binary content.</summary>
    public bool IsBase64Encoded { get; set; }
}
