using OrderPipeline.Lambda.Logging;

namespace OrderPipeline.Lambda.Hosting;

/// <summary>
/// The context of one invocation. The client context and Cognito identity headers are kept as they came and parsed on
/// first access, so an invocation whose handler never reads them pays nothing for them.
/// </summary>
internal sealed class LambdaContext(
    Invocation invocation, LambdaEnvironment environment, ILambdaLogger logger, TimeProvider time) : ILambdaContext
{
    private ClientContext? _clientContext;
    private bool _clientContextRead;
    private CognitoIdentity? _identity;
    private bool _identityRead;
    private object? _parseLock;

    public string AwsRequestId => invocation.RequestId;

    public string InvokedFunctionArn => invocation.InvokedFunctionArn;

    public string FunctionName => environment.FunctionName;

    public string FunctionVersion => environment.FunctionVersion;

    public int MemoryLimitInMB => environment.MemoryLimitInMB;

    public DateTimeOffset Deadline => invocation.Deadline;

    public TimeSpan RemainingTime => invocation.Deadline - time.GetUtcNow();

    public string? TraceHeader => invocation.TraceHeader;

    public ILambdaLogger Logger => logger;

    public ClientContext? ClientContext => LazyInitializer.EnsureInitialized(
        ref _clientContext, ref _clientContextRead, ref _parseLock, () => ClientContext.Parse(invocation.ClientContext));

    public CognitoIdentity? Identity => LazyInitializer.EnsureInitialized(
        ref _identity, ref _identityRead, ref _parseLock, () => CognitoIdentity.Parse(invocation.CognitoIdentity));
}
