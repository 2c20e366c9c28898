namespace OrderPipeline.Lambda.Events;

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
