using OrderPipeline.Lambda;
using OrderPipeline.Lambda.Logging;

namespace OrderPipeline.TestHelpers.Lambda;

/// <summary>An <see cref="ILambdaContext"/> with settable values and a capturing logger.</summary>
public sealed class TestLambdaContext : ILambdaContext
{
    /// <summary>The time left when no <see cref="Deadline"/> is set.</summary>
    public static readonly TimeSpan DefaultRemainingTime = TimeSpan.FromSeconds(30);

    private DateTimeOffset? _deadline;

    public string AwsRequestId { get; set; } = "6f1d3c2a-8b4e-4f5a-9c7d-0e1f2a3b4c5d";

    public string InvokedFunctionArn { get; set; } = "arn:aws:lambda:us-east-1:123456789012:function:test-function";

    public string FunctionName { get; set; } = "test-function";

    public string FunctionVersion { get; set; } = "$LATEST";

    public int MemoryLimitInMB { get; set; } = 512;

    /// <summary>The clock <see cref="RemainingTime"/> is measured on.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Until set, <see cref="DefaultRemainingTime"/> after now on <see cref="Time"/>.</summary>
    public DateTimeOffset Deadline
    {
        get => _deadline ?? Time.GetUtcNow() + DefaultRemainingTime;
        set => _deadline = value;
    }

    public TimeSpan RemainingTime => Deadline - Time.GetUtcNow();

    /// <summary>The raw trace header; null (no header) by default.</summary>
    public string? TraceHeader { get; set; }

    public TestLambdaLogger Logger { get; set; } = new();

    /// <summary>Null (no client context) by default.</summary>
    public ClientContext? ClientContext { get; set; }

    /// <summary>Null (no Cognito identity) by default.</summary>
    public CognitoIdentity? Identity { get; set; }

    ILambdaLogger ILambdaContext.Logger => Logger;
}
