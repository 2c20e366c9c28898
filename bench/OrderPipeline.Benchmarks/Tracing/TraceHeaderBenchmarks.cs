using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using OrderPipeline.Benchmarks.Support;
using OrderPipeline.Tracing;

namespace OrderPipeline.Benchmarks.Tracing;

/// <summary>
/// Reading Lambda's trace header at the start of an invocation (with the <c>Lineage</c> Lambda adds when one function
/// invokes another, and without; from the string the Runtime API gives, and from a span of it), and writing one for a
/// downstream call.
/// </summary>
[MemoryDiagnoser]
public class TraceHeaderBenchmarks
{
    private readonly TraceHeader _header = SampleTrace.ParseHeader();

    private const string WithoutLineage = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    [Benchmark]
    public TraceHeader? TryParse() => TraceHeader.TryParse(SampleTrace.LambdaTraceId, out var header) ? header : null;

    [Benchmark]
    public TraceHeader? TryParseSpan() => TraceHeader.TryParse(SampleTrace.LambdaTraceId.AsSpan(), out var header) ? header : null;

    [Benchmark]
    public TraceHeader? TryParseWithoutLineage() => TraceHeader.TryParse(WithoutLineage, out var header) ? header : null;

    [Benchmark]
    public string Format() => _header.ToString();

    [Benchmark]
    public ActivityContext ToActivityContext() => _header.ToActivityContext();
}
