namespace OrderPipeline.Local.ApiGateway;

/// <summary>
/// Where the local API Gateway says it runs (region, account), who may call its <c>AWS_IAM</c> methods, and its limits:
/// <c>IntegrationTimeout</c> is API Gateway's 29 s integration timeout, <c>MaxRequestBodyBytes</c> its 10 MB payload
/// limit. A SigV4 signature must be scoped to <c>Region</c> and made with <c>Credentials</c>.
/// </summary>
internal sealed record ApiGatewaySettings(
    string Region, string AccountId, TimeSpan IntegrationTimeout, long MaxRequestBodyBytes, LocalCredentials Credentials)
{
    public static ApiGatewaySettings Default { get; } = new(
        LocalAccount.DefaultRegion, LocalAccount.Id, TimeSpan.FromSeconds(29), 10L * 1024 * 1024,
        LocalCredentials.Default);
}
