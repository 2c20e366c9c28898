using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using OrderPipeline.Benchmarks.Support;
using OrderPipeline.Tracing;

namespace OrderPipeline.Benchmarks.Tracing;

/// <summary>
/// What tracing adds to one producer invocation: parse Lambda's trace header, start the handler activity under it,
/// start and stop its SQS call, stop the handler. The baseline does the same with nothing listening to the source
/// (tracing off); the others export both subsegments to an in-memory sink or over UDP to a daemon on loopback, the
/// latter as the Lambda host does it: held from the invocation's start and sent together at its end (one
/// <c>sendmmsg</c> on Linux). Each case runs in its own process, with only the setup its target needs.
/// </summary>
[MemoryDiagnoser]
public class TracedInvocationBenchmarks
{
    private const int DocumentsPerInvocation = 2;
    private static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(5);

    private readonly ActivitySource _source = new("OrderPipeline.Benchmarks.Invocation");
    private readonly LastDocumentSink _memory = new();
    private LoopbackUdpReceiver? _daemon;
    private UdpSegmentEmitter? _emitter;
    private XRayExporter? _exporter;

    [GlobalSetup(Target = nameof(ExportToMemory))]
    public void SetupMemory()
    {
        _exporter = new XRayExporter(_memory, [_source.Name], SampleTrace.AnnotationKeys);
        Invoke();
        if (_memory.Count != DocumentsPerInvocation)
        {
            throw new InvalidOperationException($"One invocation exported {_memory.Count} documents.");
        }
    }

    [GlobalSetup(Target = nameof(ExportToUdp))]
    public void SetupUdp()
    {
        _daemon = new LoopbackUdpReceiver();
        var address = _daemon.DaemonAddress;
        _emitter = new UdpSegmentEmitter(name => name == "AWS_XRAY_DAEMON_ADDRESS" ? address : null);
        _exporter = new XRayExporter(_emitter, [_source.Name], SampleTrace.AnnotationKeys);
        InvokeAsTheHostDoes();
        if (!_daemon.WaitForReceived(DocumentsPerInvocation, ArrivalTimeout))
        {
            throw new InvalidOperationException($"One invocation sent {_daemon.Received} datagrams to {address}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _exporter?.Dispose();
        _emitter?.Dispose();
        _daemon?.Dispose();
        _source.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void NoListener() => Invoke();

    [Benchmark]
    public void ExportToMemory() => Invoke();

    [Benchmark]
    public void ExportToUdp() => InvokeAsTheHostDoes();

    private void InvokeAsTheHostDoes()
    {
        _emitter!.Hold();
        Invoke();
        _emitter.Flush();
    }

    private void Invoke()
    {
        var header = SampleTrace.ParseHeader();
        using var handler = _source.StartActivity(SampleTrace.HandlerName, ActivityKind.Internal, header.ToActivityContext());
        header.CarryOtherFieldsOn(handler);
        using (var sqsCall = _source.StartActivity(SampleTrace.SqsCallName, ActivityKind.Client))
        {
            if (sqsCall is not null)
            {
                SampleTrace.TagSqsSendMessage(sqsCall);
            }
        }

        handler?.SetTag(SampleTrace.OrderIdTag, "019ac0e5-3d1b-7c52-9a6e-1b2f3c4d5e6f");
        handler?.SetTag(TraceTags.HttpStatusCode, 202);
    }
}
