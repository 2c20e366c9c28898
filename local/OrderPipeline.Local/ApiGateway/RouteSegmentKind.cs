namespace OrderPipeline.Local.ApiGateway;

/// <summary>In API Gateway's order of preference.</summary>
internal enum RouteSegmentKind
{
    Literal,
    Variable,
    Greedy,
}
