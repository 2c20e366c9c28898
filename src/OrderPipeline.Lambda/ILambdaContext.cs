using OrderPipeline.Lambda.Logging;

namespace OrderPipeline.Lambda;

/// <summary>What Lambda tells the function about the current invocation and about itself.</summary>
public interface ILambdaContext
{
    string AwsRequestId { get; }

    /// <summary>The ARN the caller invoked, with the version or alias it named.</summary>
    string InvokedFunctionArn { get; }

    /// <summary>From <c>AWS_LAMBDA_FUNCTION_NAME</c>.</summary>
    string FunctionName { get; }

    /// <summary>From <c>AWS_LAMBDA_FUNCTION_VERSION</c>.</summary>
    string FunctionVersion { get; }

    /// <summary>From <c>AWS_LAMBDA_FUNCTION_MEMORY_SIZE</c>; 0 when unset.</summary>
    int MemoryLimitInMB { get; }

    /// <summary>When Lambda stops the invocation (from <c>Lambda-Runtime-Deadline-Ms</c>).</summary>
    DateTimeOffset Deadline { get; }

    /// <summary>The time left before <see cref="Deadline"/>; negative once it has passed.</summary>
    TimeSpan RemainingTime { get; }

    /// <summary>The raw <c>Lambda-Runtime-Trace-Id</c> header (<c>Root=…;Parent=…;Sampled=…</c>); null when absent.</summary>
    string? TraceHeader { get; }

    ILambdaLogger Logger { get; }

    /// <summary>
    /// The mobile app's client context (<c>Lambda-Runtime-Client-Context</c>), read on first access; null when the
    /// invocation carries none or it is not a JSON object. Never throws.
    /// </summary>
    ClientContext? ClientContext => null;

    /// <summary>
    /// The caller's Amazon Cognito identity (<c>Lambda-Runtime-Cognito-Identity</c>), read on first access; null when
    /// the invocation carries none or it is not a JSON object. Never throws.
    /// </summary>
    CognitoIdentity? Identity => null;
}

/// <summary>The context of the invocation the calling code runs for, flowing with async calls.</summary>
public static class LambdaContextAccessor
{
    private static readonly AsyncLocal<ILambdaContext?> CurrentContext = new();

    /// <summary>The current invocation's context; null outside an invocation.</summary>
    public static ILambdaContext? Current => CurrentContext.Value;

    /// <summary>Makes <paramref name="context"/> current until the returned scope is disposed.</summary>
    internal static Scope Enter(ILambdaContext context)
    {
        var previous = CurrentContext.Value;
        CurrentContext.Value = context;
        return new Scope(previous);
    }

    internal readonly struct Scope(ILambdaContext? previous) : IDisposable
    {
        public void Dispose() => CurrentContext.Value = previous;
    }
}
