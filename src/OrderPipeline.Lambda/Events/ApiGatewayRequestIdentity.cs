namespace OrderPipeline.Lambda.Events;

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
