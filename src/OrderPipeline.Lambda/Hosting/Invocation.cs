namespace OrderPipeline.Lambda.Hosting;

/// <summary>One event handed out by <c>GET /runtime/invocation/next</c>.</summary>
internal sealed record Invocation(
    string RequestId,
    DateTimeOffset Deadline,
    string InvokedFunctionArn,
    string? TraceHeader,
    byte[] Event)
{
    /// <summary>The raw <c>Lambda-Runtime-Client-Context</c> header (JSON), read only when the handler asks for it.</summary>
    public string? ClientContext { get; init; }

    /// <summary>The raw <c>Lambda-Runtime-Cognito-Identity</c> header (JSON), read only when the handler asks for it.</summary>
    public string? CognitoIdentity { get; init; }
}
