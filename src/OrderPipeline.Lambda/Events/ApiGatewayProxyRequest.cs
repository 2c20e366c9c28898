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
