namespace OrderPipeline.Local.ApiGateway;

/// <summary>A function's proxy response, read and merged: headers one entry per name, the body decoded.</summary>
internal sealed record ProxyResponse(int StatusCode, IReadOnlyList<KeyValuePair<string, string[]>> Headers, byte[] Body);
