using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Google.Protobuf;
using OrderPipeline.Local.Otlp;
using OrderPipeline.Local.Otlp.Proto;

namespace OrderPipeline.Local.XRay;

/// <summary>
/// The X-Ray daemon's UDP side: each datagram is the header <c>{"format":"json","version":1}</c>, a newline, then
/// either one segment document in UTF-8
/// (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-sendingdata.html#xray-api-daemon) or, as Lambda's
/// daemon endpoint also takes from ADOT's UDP exporters, <c>T1S</c> or <c>T1U</c> and the base64 of an OTLP
/// <c>ExportTraceServiceRequest</c> (ADOT's <c>OTLPUdpSpanExporter</c>:
/// https://github.com/aws-observability/aws-otel-js-instrumentation, aws-distro-opentelemetry-node-autoinstrumentation
/// src/otlp-udp-exporter.ts; the Python and Java exporters send the same). <c>T1S</c> carries sampled spans: they are
/// stored as X-Ray presents them (<see cref="SpanSegments"/>). <c>T1U</c> carries the spans ADOT exports although
/// they were not sampled, only when Application Signals is on in Lambda (AwsBatchUnsampledSpanProcessor), for
/// Application Signals' metrics and Transaction Search's <c>aws/spans</c> log group: they are not an X-Ray trace, so
/// they are counted in <see cref="UnsampledSpans"/> and not stored. Anything else is counted and dropped.
/// </summary>
internal sealed class XRayDaemon : IAsyncDisposable
{
    private readonly UdpClient _socket;
    private readonly TraceStore _store;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _receiving;
    private int _rejected;
    private int _rejectedSpans;
    private int _unsampledSpans;

    private XRayDaemon(UdpClient socket, TraceStore store)
    {
        _socket = socket;
        _store = store;
        _receiving = Task.Run(ReceiveAsync);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_socket.Client.LocalEndPoint!;

    /// <summary>The value for <c>AWS_XRAY_DAEMON_ADDRESS</c>.</summary>
    public string Address => $"127.0.0.1:{EndPoint.Port}";

    /// <summary>Datagrams dropped because they were not a header line and a readable segment document or OTLP request.</summary>
    public int Rejected => Volatile.Read(ref _rejected);

    /// <summary>Spans of readable <c>T1S</c> requests that X-Ray would refuse (no valid ids or times).</summary>
    public int RejectedSpans => Volatile.Read(ref _rejectedSpans);

    /// <summary>Spans received in <c>T1U</c> (unsampled) requests: counted, not stored as traces.</summary>
    public int UnsampledSpans => Volatile.Read(ref _unsampledSpans);

    /// <summary>Listens on 127.0.0.1:<paramref name="port"/> (0 picks a free port).</summary>
    public static XRayDaemon Start(int port, TraceStore store) =>
        new(new UdpClient(new IPEndPoint(IPAddress.Loopback, port)), store);

    private static ReadOnlySpan<byte> ExpectedHeader => "{\"format\":\"json\",\"version\":1}"u8;

    private static ReadOnlySpan<byte> SampledSpansPrefix => "T1S"u8;

    private static ReadOnlySpan<byte> UnsampledSpansPrefix => "T1U"u8;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        try
        {
            await _receiving.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }

        _stopping.Dispose();
    }

    internal bool Accept(ReadOnlySpan<byte> datagram)
    {
        var newline = datagram.IndexOf((byte)'\n');
        if (newline < 0 || !IsHeader(datagram[..newline]))
        {
            return Reject();
        }

        var payload = datagram[(newline + 1)..];
        if (payload.StartsWith(SampledSpansPrefix) || payload.StartsWith(UnsampledSpansPrefix))
        {
            return AcceptSpans(payload[SampledSpansPrefix.Length..], sampled: payload.StartsWith(SampledSpansPrefix));
        }

        try
        {
            using var document = JsonDocument.Parse(payload.ToArray());
            if (!StoredSegment.TryRead(document.RootElement.Clone(), out var segment))
            {
                return Reject();
            }

            _store.Add(segment!);
            return true;
        }
        catch (JsonException)
        {
            return Reject();
        }
    }

    /// <summary>
    /// The header, byte for byte as the X-Ray SDKs and ADOT's Node and Python exporters send it, or the same JSON
    /// object spaced differently (ADOT's Java exporter and AWS's documentation write <c>{"format": "json", "version": 1}</c>).
    /// </summary>
    private static bool IsHeader(ReadOnlySpan<byte> line)
    {
        if (line.SequenceEqual(ExpectedHeader))
        {
            return true;
        }

        try
        {
            using var header = JsonDocument.Parse(line.ToArray());
            var root = header.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String && format.ValueEquals("json")
                && root.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.Number
                && version.TryGetInt32(out var number) && number == 1;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private bool AcceptSpans(ReadOnlySpan<byte> base64, bool sampled)
    {
        var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(base64.Length)];
        if (Base64.DecodeFromUtf8(base64, bytes, out _, out var written) != System.Buffers.OperationStatus.Done)
        {
            return Reject();
        }

        ExportTraceServiceRequest request;
        try
        {
            request = ExportTraceServiceRequest.Parser.ParseFrom(bytes.AsSpan(0, written));
        }
        catch (InvalidProtocolBufferException)
        {
            return Reject();
        }

        if (!sampled)
        {
            var spans = request.ResourceSpans.SelectMany(resource => resource.ScopeSpans).Sum(scope => scope.Spans.Count);
            Interlocked.Add(ref _unsampledSpans, spans);
            return true;
        }

        var stored = SpanSegments.Store(request, _store);
        Interlocked.Add(ref _rejectedSpans, stored.Rejected);
        return true;
    }

    private bool Reject()
    {
        Interlocked.Increment(ref _rejected);
        return false;
    }

    private async Task ReceiveAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                var received = await _socket.ReceiveAsync(_stopping.Token).ConfigureAwait(false);
                Accept(received.Buffer);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
            {
                // An ICMP error from an earlier send: the socket stays usable.
            }
        }
    }
}
