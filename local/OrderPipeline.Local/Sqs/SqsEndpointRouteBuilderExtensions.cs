using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace OrderPipeline.Local.Sqs;

public static class SqsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Routes every request of every method and path to <paramref name="service"/>, which answers non-SQS requests with
    /// AWS-shaped errors; meant for a Kestrel port of its own, as SQS is at its own host name.
    /// </summary>
    public static IEndpointConventionBuilder MapSqs(this IEndpointRouteBuilder endpoints, SqsService service)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(service);
        return endpoints.Map("/{**path}", service.HandleAsync);
    }
}
