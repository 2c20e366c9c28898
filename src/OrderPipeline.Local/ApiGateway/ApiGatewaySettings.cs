using OrderPipeline.Local.Sqs;
using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.ApiGateway;

/// <summary>
/// Where the local API Gateway says it runs (region, account) and its limits: <c>IntegrationTimeout</c> is API
/// Gateway's 29 s integration timeout, <c>MaxRequestBodyBytes</c> its 10 MB payload limit.
/// </summary>
internal sealed record ApiGatewaySettings(
    string Region, string AccountId, TimeSpan IntegrationTimeout, long MaxRequestBodyBytes)
{
    public static ApiGatewaySettings Default { get; } = new(
        LocalResources.DefaultRegion, SqsService.AccountId, TimeSpan.FromSeconds(29), 10L * 1024 * 1024);
}
