using BenchmarkDotNet.Attributes;
using OrderPipeline.Benchmarks.Support;
using OrderPipeline.Tracing;

namespace OrderPipeline.Benchmarks.Tracing;

/// <summary>Sending the SQS call's subsegment document as one datagram (about 600 bytes) to a daemon on loopback.</summary>
[MemoryDiagnoser]
public class UdpEmitterBenchmarks
{
    private static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(5);

    private LoopbackUdpReceiver? _daemon;
    private UdpSegmentEmitter? _emitter;
    private byte[] _document = [];
    private string? _problem;

    [GlobalSetup]
    public void Setup()
    {
        _document = SampleTrace.SqsCallDocument();
        _daemon = new LoopbackUdpReceiver();
        var address = _daemon.DaemonAddress;
        _emitter = new UdpSegmentEmitter(
            name => name == "AWS_XRAY_DAEMON_ADDRESS" ? address : null,
            problem => _problem ??= problem);
        _emitter.Send(_document);
        if (!_daemon.WaitForReceived(1, ArrivalTimeout))
        {
            throw new InvalidOperationException($"No datagram reached {address}: {_problem}");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var dropped = _emitter?.DroppedDocuments ?? 0;
        _emitter?.Dispose();
        _daemon?.Dispose();
        if (dropped != 0)
        {
            throw new InvalidOperationException($"{dropped} documents were dropped: {_problem}");
        }
    }

    [Benchmark]
    public void Send() => _emitter!.Send(_document);
}
