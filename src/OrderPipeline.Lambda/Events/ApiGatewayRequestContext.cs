namespace OrderPipeline.Lambda.Events;

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
