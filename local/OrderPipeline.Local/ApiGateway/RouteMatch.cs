namespace OrderPipeline.Local.ApiGateway;

/// <summary>A request's route; <c>PathParameters</c> hold the values as they came in the URL (not percent-decoded).</summary>
internal sealed record RouteMatch(ApiRoute Route, IReadOnlyDictionary<string, string> PathParameters);
