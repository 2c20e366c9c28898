using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using OrderPipeline.Benchmarks.Support;
using OrderPipeline.Tracing;

namespace OrderPipeline.Benchmarks.Tracing;

/// <summary>Reading Lambda's trace header at the start of an invocation, and writing one for a downstream call.</summary>
[MemoryDiagnoser]
public class TraceHeaderBenchmarks
{
    private readonly TraceHeader _header = SampleTrace.ParseHeader();

    [Benchmark]
    public TraceHeader? TryParse() => TraceHeader.TryParse(SampleTrace.LambdaTraceId, out var header) ? header : null;

    [Benchmark]
    public string Format() => _header.ToString();

    [Benchmark]
    public ActivityContext ToActivityContext() => _header.ToActivityContext();
}
