using OrderPipeline.Lambda.Logging;

namespace OrderPipeline.Lambda.Hosting;

internal sealed class LambdaContext(
    Invocation invocation, LambdaEnvironment environment, ILambdaLogger logger, TimeProvider time) : ILambdaContext
{
    public string AwsRequestId => invocation.RequestId;

    public string InvokedFunctionArn => invocation.InvokedFunctionArn;

    public string FunctionName => environment.FunctionName;

    public string FunctionVersion => environment.FunctionVersion;

    public int MemoryLimitInMB => environment.MemoryLimitInMB;

    public DateTimeOffset Deadline => invocation.Deadline;

    public TimeSpan RemainingTime => invocation.Deadline - time.GetUtcNow();

    public string? TraceHeader => invocation.TraceHeader;

    public ILambdaLogger Logger => logger;
}
