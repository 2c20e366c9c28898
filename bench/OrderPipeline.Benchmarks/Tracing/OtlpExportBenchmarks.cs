using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using OrderPipeline.Benchmarks.Support;
using OrderPipeline.Tracing;
using OrderPipeline.Tracing.Otlp;

namespace OrderPipeline.Benchmarks.Tracing;

/// <summary>
/// OpenTelemetry export through the function's own OTLP path: an SQS call activity started under Lambda's (recorded)
/// trace, tagged and stopped, which makes <see cref="OtlpExporter"/> encode it as an OTLP span into the invocation's
/// batch; and the flush that ends an invocation. <see cref="OneSpan"/> is the per-span cost (200 spans and the flush of
/// their batch to a transport that discards it, per span); <see cref="FlushBatchOf200OverUdp"/> is a whole invocation
/// of 200 spans sent as OTLP over the X-Ray daemon's UDP endpoint (T1S datagrams, cut at 64,000 bytes) to a receiver on
/// loopback. The baseline runs the same activity code with nothing listening. Each case runs in its own process, with
/// only the setup its target needs.
/// </summary>
[MemoryDiagnoser]
public class OtlpExportBenchmarks
{
    private const int BatchSpans = 200;
    private static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan NoDeadline = TimeSpan.FromMinutes(1);

    private readonly ActivitySource _source = new("OrderPipeline.Benchmarks.Otlp");
    private readonly ActivityContext _parent = SampleTrace.ParseHeader().ToActivityContext();
    private LoopbackUdpReceiver? _daemon;
    private OtlpExporter? _exporter;
    private string? _problem;

    [GlobalSetup(Target = nameof(OneSpan))]
    public void SetupDiscarding() => _exporter = NewExporter(new DiscardingTransport());

    [GlobalSetup(Target = nameof(FlushBatchOf200OverUdp))]
    public async Task SetupUdp()
    {
        _daemon = new LoopbackUdpReceiver();
        var address = _daemon.DaemonAddress;
        _exporter = NewExporter(new UdpOtlpTransport(new UdpSegmentEmitter(
            name => name == "AWS_XRAY_DAEMON_ADDRESS" ? address : null, problem => _problem ??= problem)));
        await FlushBatchOf200OverUdp();
        if (!_daemon.WaitForReceived(1, ArrivalTimeout))
        {
            throw new InvalidOperationException($"No OTLP datagram reached the daemon at {address}: {_problem}");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var dropped = _exporter?.DroppedSpans ?? 0;
        _exporter?.Dispose();
        _daemon?.Dispose();
        _source.Dispose();
        if (dropped != 0)
        {
            throw new InvalidOperationException($"{dropped} spans were dropped: {_problem}");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = BatchSpans)]
    public async Task NoListener() => await RecordAndFlushAsync();

    [Benchmark(OperationsPerInvoke = BatchSpans)]
    public async Task OneSpan() => await RecordAndFlushAsync();

    [Benchmark]
    public async Task FlushBatchOf200OverUdp() => await RecordAndFlushAsync();

    private async Task RecordAndFlushAsync()
    {
        for (var i = 0; i < BatchSpans; i++)
        {
            using var activity = _source.StartActivity(SampleTrace.SqsCallName, ActivityKind.Client, _parent);
            if (activity is not null)
            {
                SampleTrace.TagSqsSendMessage(activity);
            }
        }

        if (_exporter is not null)
        {
            await _exporter.FlushAsync(NoDeadline);
        }
    }

    private OtlpExporter NewExporter(IOtlpTransport transport)
    {
        var resource = OtlpResource.Encode(
            OtlpSettings.From(_ => null, new List<string>()),
            name => name switch
            {
                "AWS_LAMBDA_FUNCTION_NAME" => "orders-producer",
                "AWS_REGION" => "eu-west-1",
                _ => null,
            });
        return new OtlpExporter(transport, resource, [_source.Name], FunctionTrigger.Http, null, TimeProvider.System, problem => _problem ??= problem);
    }

    /// <summary>Takes every request and sends nothing: what is left is the encoding and the flush's own work.</summary>
    private sealed class DiscardingTransport : IOtlpTransport
    {
        public int MaxRequestBytes => int.MaxValue;

        public ValueTask<bool> SendAsync(ReadOnlyMemory<byte> request, bool sampled, TimeSpan timeLeft) => ValueTask.FromResult(true);

        public void Flush()
        {
        }

        public void Dispose()
        {
        }
    }
}
