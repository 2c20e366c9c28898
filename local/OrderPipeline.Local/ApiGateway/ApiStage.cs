using OrderPipeline.Local.Stack.Template;

namespace OrderPipeline.Local.ApiGateway;

/// <summary>A served stage: <paramref name="Url"/> is its invoke URL, <c>http://127.0.0.1:port/StageName</c>.</summary>
internal sealed record ApiStage(ApiDefinition Api, string Url);
