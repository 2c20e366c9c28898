using BenchmarkDotNet.Attributes;
using OrderPipeline.Benchmarks.Support;
using OrderPipeline.Tracing;

namespace OrderPipeline.Benchmarks.Tracing;

/// <summary>
/// Sending the SQS call's subsegment document (about 600 bytes) to a daemon on loopback, per datagram: at once (one
/// <c>sendto</c>, as outside an invocation), and held for an invocation of <see cref="BatchSize"/> documents then
/// flushed, with one <c>sendmmsg</c> (as inside an invocation on Linux) or one <c>sendto</c> each (the fallback).
/// </summary>
[MemoryDiagnoser]
public class UdpEmitterBenchmarks
{
    /// <summary>The consumer's largest batch of datagrams: 10 recorded records, two subsegments each.</summary>
    private const int BatchSize = 20;

    private static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(5);

    private LoopbackUdpReceiver? _daemon;
    private UdpSegmentEmitter? _emitter;
    private byte[] _document = [];
    private string? _problem;

    [GlobalSetup(Targets = [nameof(Send), nameof(HeldThenFlushedWithSendmmsg)])]
    public void Setup() => Start(sendMany: true);

    [GlobalSetup(Target = nameof(HeldThenFlushedOneByOne))]
    public void SetupOneByOne() => Start(sendMany: false);

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

    [Benchmark(Baseline = true)]
    public void Send() => _emitter!.Send(_document);

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public void HeldThenFlushedWithSendmmsg() => SendBatch();

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public void HeldThenFlushedOneByOne() => SendBatch();

    private void Start(bool sendMany)
    {
        _document = SampleTrace.SqsCallDocument();
        _daemon = new LoopbackUdpReceiver();
        _emitter = new UdpSegmentEmitter(_daemon.Endpoint, problem => _problem ??= problem, sendMany);
        SendBatch();
        if (!_daemon.WaitForReceived(BatchSize, ArrivalTimeout))
        {
            throw new InvalidOperationException($"{_daemon.Received} of {BatchSize} datagrams reached {_daemon.DaemonAddress}: {_problem}");
        }
    }

    private void SendBatch()
    {
        _emitter!.Hold();
        for (var i = 0; i < BatchSize; i++)
        {
            _emitter.Send(_document);
        }

        _emitter.Flush();
    }
}
