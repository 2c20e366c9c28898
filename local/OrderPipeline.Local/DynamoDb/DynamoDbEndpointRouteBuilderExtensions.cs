using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace OrderPipeline.Local.DynamoDb;

public static class DynamoDbEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Routes every request of every method and path to <paramref name="service"/>, which answers non-DynamoDB requests
    /// with DynamoDB-shaped errors; meant for a Kestrel port of its own, as DynamoDB is at its own host name.
    /// </summary>
    public static IEndpointConventionBuilder MapDynamoDb(this IEndpointRouteBuilder endpoints, DynamoDbService service)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(service);
        return endpoints.Map("/{**path}", service.HandleAsync);
    }
}
