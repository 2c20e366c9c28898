using OrderPipeline.Lambda;
using OrderPipeline.Lambda.Logging;

namespace OrderPipeline.Benchmarks.Support;

/// <summary>
/// The invocation context of a benchmarked handler: fixed values, a deadline far away, and the trace header Lambda
/// hands a traced function (<see cref="SampleTrace.LambdaTraceId"/>, <c>Sampled=1</c>).
/// </summary>
internal sealed class BenchLambdaContext(string functionName) : ILambdaContext
{
    public string AwsRequestId => "6f1d3c2a-8b4e-4f5a-9c7d-0e1f2a3b4c5d";

    public string InvokedFunctionArn => $"arn:aws:lambda:us-east-1:123456789012:function:{functionName}";

    public string FunctionName => functionName;

    public string FunctionVersion => "$LATEST";

    public int MemoryLimitInMB => 512;

    public DateTimeOffset Deadline => DateTimeOffset.MaxValue;

    public TimeSpan RemainingTime => TimeSpan.MaxValue;

    public string? TraceHeader => SampleTrace.LambdaTraceId;

    public ILambdaLogger Logger { get; } = new DiscardingLambdaLogger();
}
