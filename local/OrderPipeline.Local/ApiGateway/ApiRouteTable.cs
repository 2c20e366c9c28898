using OrderPipeline.Local.Stack.Template;

namespace OrderPipeline.Local.ApiGateway;

/// <summary>
/// The routes of every API in a template, found as the invoke URL finds them: <c>/{StageName}/{resource path}</c>.
/// The first path segment selects the stage. When several APIs share that stage name, a <c>Host</c> that starts with
/// <c>{api id}.</c> selects one of them (as <c>{api id}.execute-api.…</c> does in AWS); otherwise they are tried in
/// template order and the first with a route for the request wins. Within an API the most specific resource that
/// matches the path is chosen first (literal, then <c>{param}</c>, then <c>{proxy+}</c>), then its method, exact
/// before <c>ANY</c>; a resource without the method is a miss, as in API Gateway.
/// </summary>
internal sealed class ApiRouteTable
{
    private readonly IReadOnlyList<ApiDefinition> _apis;
    private readonly ILookup<string, ApiRoute> _routesByApi;

    private ApiRouteTable(IReadOnlyList<ApiDefinition> apis, IEnumerable<ApiRoute> routes)
    {
        _apis = apis;
        _routesByApi = routes.ToLookup(route => route.Api.LogicalId, StringComparer.Ordinal);
    }

    /// <summary>The APIs that have at least one route, in template order.</summary>
    public IReadOnlyList<ApiDefinition> Apis => _apis;

    public static ApiRouteTable From(LocalTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var routes = new List<ApiRoute>();
        foreach (var function in template.Functions)
        {
            foreach (var source in function.ApiEvents)
            {
                routes.Add(new ApiRoute(template.Api(source), function, source));
            }
        }

        var apis = template.Apis.Where(api => routes.Exists(route => route.Api == api)).ToList();
        return new ApiRouteTable(apis, routes);
    }

    /// <param name="host">The request's <c>Host</c>, or null.</param>
    /// <param name="stage">The first segment of the request path.</param>
    /// <param name="path">The segments after the stage, as they came (percent-encoded).</param>
    /// <param name="method">The request method, upper case.</param>
    public RouteMatch? Find(string? host, string stage, IReadOnlyList<string> path, string method)
    {
        var candidates = _apis.Where(api => string.Equals(api.StageName, stage, StringComparison.Ordinal)).ToList();
        var named = candidates.Where(api => host is not null
            && host.StartsWith(api.Id + ".", StringComparison.OrdinalIgnoreCase)).ToList();
        foreach (var api in named.Count > 0 ? named : candidates)
        {
            if (FindIn(api, path, method) is { } match)
            {
                return match;
            }
        }

        return null;
    }

    private RouteMatch? FindIn(ApiDefinition api, IReadOnlyList<string> path, string method)
    {
        ApiRoute? resource = null;
        foreach (var route in _routesByApi[api.LogicalId])
        {
            if (route.TryMatch(path, out _) && (resource is null || route.CompareSpecificity(resource) < 0))
            {
                resource = route;
            }
        }

        if (resource is null)
        {
            return null;
        }

        var methods = _routesByApi[api.LogicalId].Where(route => route.ResourcePath == resource.ResourcePath).ToList();
        var chosen = methods.Find(route => route.Method == method) ?? methods.Find(route => route.Accepts(method));
        if (chosen is null || !chosen.TryMatch(path, out var parameters))
        {
            return null;
        }

        return new RouteMatch(chosen, parameters);
    }
}
