namespace OrderPipeline.TestHelpers.Lambda;

/// <summary>An invocation for <see cref="RuntimeApiServer"/> to hand out on <c>GET /runtime/invocation/next</c>.</summary>
public sealed record RuntimeApiInvocation(string RequestId, byte[] Event)
{
    /// <summary>Sent as <c>Lambda-Runtime-Deadline-Ms</c>; one minute after the invocation was made by default.</summary>
    public DateTimeOffset Deadline { get; init; } = DateTimeOffset.UtcNow.AddMinutes(1);

    public string InvokedFunctionArn { get; init; } = "arn:aws:lambda:us-east-1:123456789012:function:test-function";

    /// <summary>Sent as <c>Lambda-Runtime-Trace-Id</c> when not null.</summary>
    public string? TraceHeader { get; init; }

    /// <summary>Sent as <c>Lambda-Runtime-Client-Context</c> when not null.</summary>
    public string? ClientContext { get; init; }

    /// <summary>Sent as <c>Lambda-Runtime-Cognito-Identity</c> when not null.</summary>
    public string? CognitoIdentity { get; init; }
}
