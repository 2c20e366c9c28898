using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using OrderPipeline.Benchmarks.Support;
using OrderPipeline.Tracing;

namespace OrderPipeline.Benchmarks.Tracing;

/// <summary>
/// One subsegment exported end to end: an SQS call activity started under Lambda's (recorded) trace, tagged and
/// stopped, which makes <see cref="XRayExporter"/> write its document and <see cref="UdpSegmentEmitter"/> send it as one
/// datagram to a daemon on loopback. The baseline runs the same code with nothing listening, so the difference is
/// what exporting costs. Each case runs in its own process, with only the setup its target needs.
/// </summary>
[MemoryDiagnoser]
public class SubsegmentExportBenchmarks
{
    private static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(5);

    private readonly ActivitySource _source = new("OrderPipeline.Benchmarks.Subsegment");
    private readonly ActivityContext _parent = SampleTrace.ParseHeader().ToActivityContext();
    private LoopbackUdpReceiver? _daemon;
    private UdpSegmentEmitter? _emitter;
    private XRayExporter? _exporter;

    [GlobalSetup(Target = nameof(ExportOneSubsegmentToUdp))]
    public void SetupUdp()
    {
        _daemon = new LoopbackUdpReceiver();
        var address = _daemon.DaemonAddress;
        _emitter = new UdpSegmentEmitter(name => name == "AWS_XRAY_DAEMON_ADDRESS" ? address : null);
        _exporter = new XRayExporter(_emitter, [_source.Name], SampleTrace.AnnotationKeys);
        RecordSqsCall();
        if (!_daemon.WaitForReceived(1, ArrivalTimeout))
        {
            throw new InvalidOperationException($"No subsegment reached the daemon at {address}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var dropped = _emitter?.DroppedDocuments ?? 0;
        _exporter?.Dispose();
        _emitter?.Dispose();
        _daemon?.Dispose();
        _source.Dispose();
        if (dropped != 0)
        {
            throw new InvalidOperationException($"{dropped} subsegments were dropped.");
        }
    }

    [Benchmark(Baseline = true)]
    public void NoListener() => RecordSqsCall();

    [Benchmark]
    public void ExportOneSubsegmentToUdp() => RecordSqsCall();

    private void RecordSqsCall()
    {
        using var activity = _source.StartActivity(SampleTrace.SqsCallName, ActivityKind.Client, _parent);
        if (activity is not null)
        {
            SampleTrace.TagSqsSendMessage(activity);
        }
    }
}
