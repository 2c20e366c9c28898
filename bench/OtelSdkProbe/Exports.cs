using System.Diagnostics;
#if PROBE_OWNHTTP
using System.Net.Http.Headers;
#endif
#if PROBE_XRAY
using OrderPipeline.Tracing;
#endif
#if PROBE_SDK
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;
#endif

namespace OtelSdkProbe;

/// <summary>One way of exporting the probe's activities; <see cref="Flush"/> is what runs at the end of an invocation.</summary>
internal abstract class ProbeExport : IDisposable
{
    /// <summary>Sends what was recorded; true when it was sent (or there was nothing to send).</summary>
    public abstract bool Flush();

    public abstract void Dispose();

    /// <param name="mode">none, listener, xray, own-http, sdk-simple or sdk-batch.</param>
    /// <param name="otlpEndpoint">The full OTLP/HTTP traces URL (…/v1/traces).</param>
    /// <param name="daemonAddress">host:port of the X-Ray daemon's UDP endpoint.</param>
    public static ProbeExport Create(string mode, Uri otlpEndpoint, string daemonAddress) => mode switch
    {
        "none" => new NoExport(),
        "listener" => new RecordingListener(),
#if PROBE_XRAY
        "xray" => new XRayExport(daemonAddress),
#endif
#if PROBE_OWNHTTP
        "own-http" => new OwnHttpExport(otlpEndpoint),
#endif
#if PROBE_SDK
        "sdk-simple" => new SdkExport(otlpEndpoint, ExportProcessorType.Simple),
        "sdk-batch" => new SdkExport(otlpEndpoint, ExportProcessorType.Batch),
#endif
        _ => throw new ArgumentException($"unknown export mode '{mode}' (or not compiled into this binary: see ProbeOnly)", nameof(mode)),
    };
}

/// <summary>No listener: <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null.</summary>
internal sealed class NoExport : ProbeExport
{
    public override bool Flush() => true;

    public override void Dispose()
    {
    }
}

/// <summary>A minimal listener that keeps every stopped activity: what an own exporter costs before it serialises.</summary>
internal sealed class RecordingListener : ProbeExport
{
    private readonly ActivityListener _listener;

    public RecordingListener()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = static source => source.Name == ProbeSpans.SourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => Recorded.Add(activity),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    internal List<Activity> Recorded { get; } = [];

    public override bool Flush()
    {
        Recorded.Clear();
        return true;
    }

    public override void Dispose() => _listener.Dispose();
}

#if PROBE_OWNHTTP
/// <summary>
/// The recording listener plus one OTLP/HTTP POST per flush: the transport an own exporter would use. The body is
/// 64 bytes a span holding its trace and span ids, not a real <c>ExportTraceServiceRequest</c>: serialisation is the
/// own exporter's business; this measures what HttpClient costs at start-up and per POST.
/// </summary>
internal sealed class OwnHttpExport(Uri endpoint) : ProbeExport
{
    private static readonly MediaTypeHeaderValue Protobuf = new("application/x-protobuf");
    private readonly RecordingListener _listener = new();
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(5) };

    public override bool Flush()
    {
        var recorded = _listener.Recorded;
        var body = new byte[recorded.Count * 64];
        var offset = 0;
        foreach (var activity in recorded)
        {
            activity.TraceId.CopyTo(body.AsSpan(offset, 16));
            activity.SpanId.CopyTo(body.AsSpan(offset + 16, 8));
            offset += 64;
        }

        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = Protobuf;
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        using var response = _client.Send(request);
        recorded.Clear();
        return response.IsSuccessStatusCode;
    }

    public override void Dispose()
    {
        _client.Dispose();
        _listener.Dispose();
    }
}

#endif

#if PROBE_XRAY
/// <summary>The functions' X-Ray export as it is: one UDP datagram per activity, sent when the activity stops.</summary>
internal sealed class XRayExport : ProbeExport
{
    private readonly UdpSegmentEmitter _emitter;
    private readonly XRayExporter _exporter;

    public XRayExport(string daemonAddress)
    {
        _emitter = new UdpSegmentEmitter(name => name == "AWS_XRAY_DAEMON_ADDRESS" ? daemonAddress : null);
        _exporter = new XRayExporter(_emitter, [ProbeSpans.SourceName], ["order_id"]);
    }

    public override bool Flush()
    {
        _emitter.Flush();
        return true;
    }

    public override void Dispose()
    {
        _exporter.Dispose();
        _emitter.Dispose();
    }
}

#endif

#if PROBE_SDK
/// <summary>
/// The official SDK and OTLP exporter, configured in code as the brief says (HTTP/protobuf; the endpoint set
/// in code is used as the full URL, so it carries /v1/traces).
/// </summary>
internal sealed class SdkExport : ProbeExport
{
    private readonly TracerProvider _provider;

    public SdkExport(Uri endpoint, ExportProcessorType processor, int exportTimeoutMilliseconds = 10_000)
    {
        _provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(ProbeSpans.SourceName)
            .AddOtlpExporter(options =>
            {
                options.Endpoint = endpoint;
                options.Protocol = OtlpExportProtocol.HttpProtobuf;
                options.ExportProcessorType = processor;
                options.TimeoutMilliseconds = exportTimeoutMilliseconds;
            })
            .Build();
    }

    /// <summary>How long <see cref="Flush"/> waits for the export, in milliseconds.</summary>
    public int FlushTimeoutMilliseconds { get; init; } = 5_000;

    public override bool Flush() => _provider.ForceFlush(FlushTimeoutMilliseconds);

    public bool Shutdown(int timeoutMilliseconds) => _provider.Shutdown(timeoutMilliseconds);

    public override void Dispose() => _provider.Dispose();
}
#endif
