namespace OrderPipeline.Lambda.Hosting;

/// <summary>One event handed out by <c>GET /runtime/invocation/next</c>.</summary>
internal sealed record Invocation(
    string RequestId,
    DateTimeOffset Deadline,
    string InvokedFunctionArn,
    string? TraceHeader,
    byte[] Event);
