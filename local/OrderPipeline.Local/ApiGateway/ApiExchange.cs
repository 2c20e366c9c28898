namespace OrderPipeline.Local.ApiGateway;

/// <summary>One request through a stage, as its segment records it: what came in, what went out and when.</summary>
internal sealed record ApiExchange(
    ApiRequest Request,
    RouteMatch Match,
    GatewayRequestIds Ids,
    ApiTrace Trace,
    int StatusCode,
    long ContentLength,
    DateTimeOffset End,
    IntegrationCall? Integration);
