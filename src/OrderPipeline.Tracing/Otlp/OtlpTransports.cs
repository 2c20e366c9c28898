using System.Buffers;
using System.Buffers.Text;
using System.Net.Http.Headers;

namespace OrderPipeline.Tracing.Otlp;

/// <summary>Carries encoded <c>ExportTraceServiceRequest</c>s somewhere. Never throws: what is not sent is dropped.</summary>
internal interface IOtlpTransport : IDisposable
{
    /// <summary>The largest request it takes, in bytes of protobuf.</summary>
    int MaxRequestBytes { get; }

    /// <summary>Sends one request within <paramref name="timeLeft"/>; false when it was not sent.</summary>
    ValueTask<bool> SendAsync(ReadOnlyMemory<byte> request, bool sampled, TimeSpan timeLeft);

    /// <summary>Called once a flush has sent its requests.</summary>
    void Flush();
}

/// <summary>
/// OTLP over the X-Ray daemon's UDP endpoint, the way the AWS Distro for OpenTelemetry exporters send spans from
/// Lambda without a collector: each datagram is the daemon's header line <c>{"format":"json","version":1}\n</c>, then
/// <c>T1S</c> (sampled spans) or <c>T1U</c> (unsampled), then the base64 of an OTLP <c>ExportTraceServiceRequest</c>
/// (aws-observability/aws-otel-python-instrumentation, aws-opentelemetry-distro/src/amazon/opentelemetry/distro/otlp_udp_exporter.py;
/// the same constants in aws-otel-java-instrumentation's OtlpUdpSpanExporter and aws-otel-js-instrumentation).
/// Lambda's daemon forwards these to X-Ray's OTLP endpoint, which takes spans once CloudWatch Transaction Search is
/// enabled in the account (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-Transaction-Search.html).
/// ADOT sends at most 10 spans per datagram to stay under the daemon's 64 KB; here requests are cut by size instead,
/// so no datagram exceeds <see cref="UdpSegmentEmitter"/>'s 64,000 bytes. The datagrams go through the emitter the
/// X-Ray export uses (its address resolution, error reporting and drop count).
/// </summary>
internal sealed class UdpOtlpTransport(UdpSegmentEmitter emitter) : IOtlpTransport
{
    /// <summary>The daemon's header line, written by the emitter in front of each payload.</summary>
    internal const int DaemonHeaderBytes = 30;

    internal const int PrefixBytes = 3;

    /// <summary>The protobuf bytes whose base64, behind the header and the prefix, fills a datagram (47,973).</summary>
    internal const int MaxProtobufBytes = (UdpSegmentEmitter.MaxDatagramBytes - DaemonHeaderBytes - PrefixBytes) / 4 * 3;

    private static ReadOnlySpan<byte> SampledPrefix => "T1S"u8;

    private static ReadOnlySpan<byte> UnsampledPrefix => "T1U"u8;

    public int MaxRequestBytes => MaxProtobufBytes;

    public ValueTask<bool> SendAsync(ReadOnlyMemory<byte> request, bool sampled, TimeSpan timeLeft)
    {
        var length = PrefixBytes + Base64.GetMaxEncodedToUtf8Length(request.Length);
        var payload = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            (sampled ? SampledPrefix : UnsampledPrefix).CopyTo(payload);
            Base64.EncodeToUtf8(request.Span, payload.AsSpan(PrefixBytes), out _, out var written);
            var dropped = emitter.DroppedDocuments;
            emitter.Send(payload.AsSpan(0, PrefixBytes + written));
            return ValueTask.FromResult(emitter.DroppedDocuments == dropped);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(payload);
        }
    }

    public void Flush() => emitter.Flush();

    public void Dispose() => emitter.Dispose();
}

/// <summary>
/// OTLP/HTTP with binary protobuf (https://opentelemetry.io/docs/specs/otlp/#otlphttp): one POST of
/// <c>application/x-protobuf</c> per flush, with the configured headers. Each POST is bounded by the configured
/// timeout (at most <see cref="OtlpSettings.MaxExportTime"/>) and by the time the invocation has left. A failure
/// (no connection, no answer in time, 429 or 5xx) starts a back-off: for the next <see cref="FirstBackOff"/>, doubling
/// on each further failure up to <see cref="MaxBackOff"/>, flushes send nothing and their spans are dropped (counted),
/// so an endpoint that is down costs one bounded wait per back-off period, not one per invocation. Any other 4xx
/// rejects that request alone (the collector will not take it however often it is sent). Problems are reported once
/// each.
/// </summary>
internal sealed class HttpOtlpTransport : IOtlpTransport
{
    internal static readonly TimeSpan FirstBackOff = TimeSpan.FromSeconds(5);
    internal static readonly TimeSpan MaxBackOff = TimeSpan.FromMinutes(5);

    private static readonly MediaTypeHeaderValue Protobuf = new("application/x-protobuf");

    private readonly HttpClient _client;
    private readonly Uri _endpoint;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _headers;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly Action<string> _reportProblem;
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private TimeSpan _backOff;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;

    /// <summary>POSTs to <paramref name="endpoint"/> through <paramref name="handler"/>, which is disposed with the transport.</summary>
    public HttpOtlpTransport(
        Uri endpoint,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        TimeSpan timeout,
        HttpMessageHandler handler,
        TimeProvider time,
        Action<string> reportProblem)
    {
        _endpoint = endpoint;
        _headers = headers;
        _timeout = timeout;
        _time = time;
        _reportProblem = reportProblem;
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public int MaxRequestBytes => int.MaxValue;

    /// <summary>Whether flushes are skipped now, after a failure.</summary>
    internal bool IsBackingOff => _time.GetUtcNow() < _retryAt;

    /// <summary>The handler the function uses: connection attempts bounded like the requests.</summary>
    public static SocketsHttpHandler CreateHandler(TimeSpan timeout) => new()
    {
        ConnectTimeout = timeout,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
    };

    public async ValueTask<bool> SendAsync(ReadOnlyMemory<byte> request, bool sampled, TimeSpan timeLeft)
    {
        if (IsBackingOff)
        {
            return false;
        }

        var bound = timeLeft < _timeout ? timeLeft : _timeout;
        if (bound <= TimeSpan.Zero)
        {
            Report("deadline", $"OTLP spans dropped: the invocation had no time left to send them to {_endpoint}.");
            return false;
        }

        using var cancellation = new CancellationTokenSource(bound, _time);
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(request.ToArray()) };
            message.Content.Headers.ContentType = Protobuf;
            foreach (var header in _headers)
            {
                message.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellation.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                _backOff = TimeSpan.Zero;
                return true;
            }

            var status = (int)response.StatusCode;
            if (status is 429 or >= 500)
            {
                BackOff($"status{status}", $"OTLP endpoint {_endpoint} answered {status}");
            }
            else
            {
                Report($"status{status}", $"OTLP endpoint {_endpoint} rejected spans with {status}; those spans are dropped.");
            }

            return false;
        }
        catch (OperationCanceledException)
        {
            BackOff("timeout", $"OTLP endpoint {_endpoint} did not answer within {bound.TotalMilliseconds} ms");
            return false;
        }
        catch (HttpRequestException exception)
        {
            BackOff("unreachable", $"OTLP endpoint {_endpoint} unreachable ({exception.HttpRequestError})");
            return false;
        }
#pragma warning disable CA1031 // Telemetry never fails the request: whatever else the client throws drops the spans.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            BackOff("failed", $"OTLP export to {_endpoint} failed ({exception.GetType().Name})");
            return false;
        }
    }

    public void Flush()
    {
    }

    public void Dispose() => _client.Dispose();

    private void BackOff(string kind, string problem)
    {
        _backOff = _backOff == TimeSpan.Zero ? FirstBackOff : TimeSpan.FromTicks(Math.Min(_backOff.Ticks * 2, MaxBackOff.Ticks));
        _retryAt = _time.GetUtcNow() + _backOff;
        Report(kind, $"{problem}; spans are dropped for {_backOff.TotalSeconds} s before the next attempt (longer after each failure).");
    }

    private void Report(string kind, string problem)
    {
        if (_reported.Add(kind))
        {
            _reportProblem(problem);
        }
    }
}
