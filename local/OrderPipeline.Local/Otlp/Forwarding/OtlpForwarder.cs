using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;
using Google.Protobuf;
using OrderPipeline.Local.Otlp.Proto;
using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.Otlp.Forwarding;

/// <summary>
/// Sends every segment a <see cref="TraceStore"/> holds, and each one added after, to an OpenTelemetry backend as
/// OTLP/HTTP protobuf (an <c>ExportTraceServiceRequest</c> POSTed with <c>Content-Type: application/x-protobuf</c>,
/// https://opentelemetry.io/docs/specs/otlp/#otlphttp), converted by <see cref="SegmentSpans"/>. A document still
/// <c>in_progress</c> waits for its complete version; each segment goes once. A subsegment goes under the resource of
/// the segment it belongs to, so one sent on its own (the functions' own) waits, up to
/// <see cref="OtlpForwarderSettings.ResourceWait"/>, for that segment to be stored.
/// Adding a segment only queues it (a bounded queue: when full, segments are dropped and counted), so a backend that is
/// slow or down never slows the stack: the queue is sent every <see cref="OtlpForwarderSettings.FlushInterval"/> in
/// requests of at most <see cref="OtlpForwarderSettings.MaxBatchSpans"/> spans; a request answered 429, 502, 503 or
/// 504, or that could not connect, is sent again after <c>Retry-After</c> or an exponential backoff with jitter, as the
/// specification asks (https://opentelemetry.io/docs/specs/otlp/#otlphttp-throttling, #failures-1); any other failure
/// drops its spans. The first failure of a run of them is reported once, and the recovery after it.
/// </summary>
internal sealed class OtlpForwarder : IAsyncDisposable
{
    /// <summary>The path a base endpoint gets (https://opentelemetry.io/docs/specs/otel/protocol/exporter/).</summary>
    public const string TracesPath = "v1/traces";

    public const string ProtobufContentType = "application/x-protobuf";

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(1);

    private readonly TraceStore _store;
    private readonly OtlpForwarderSettings _settings;
    private readonly Action<string> _problem;
    private readonly Action<string> _status;
    private readonly HttpClient _http;
    private readonly Channel<StoredSegment> _queue;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _forwarding;

    // Used by the forwarding loop only.
    private readonly HashSet<string> _forwarded = new(StringComparer.Ordinal);
    private readonly List<(StoredSegment Segment, DateTimeOffset Since)> _waiting = [];
    private readonly IReadOnlyList<StoredSegment> _backlog;
    private int _backlogPosition;
    private bool _failing;

    private long _sent;
    private long _dropped;
    private long _unreadable;

    private OtlpForwarder(TraceStore store, Uri endpoint, OtlpForwarderSettings settings, Action<string> problem, Action<string> status)
    {
        _store = store;
        Endpoint = endpoint;
        _settings = settings;
        _problem = problem;
        _status = status;
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            Timeout = settings.RequestTimeout,
        };
        _queue = Channel.CreateBounded<StoredSegment>(new BoundedChannelOptions(settings.Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _backlog = store.Subscribe(Enqueue);
        _forwarding = Task.Run(ForwardAsync);
    }

    /// <summary>Where the spans go: the full traces URL.</summary>
    public Uri Endpoint { get; }

    /// <summary>Spans the backend accepted.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Spans lost: the queue was full, the backend refused them for good, or it was still down at the end.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Stored documents whose trace id or ids are not X-Ray's form, which no span can carry.</summary>
    public long Unreadable => Interlocked.Read(ref _unreadable);

    /// <summary>Starts forwarding what <paramref name="store"/> holds and receives to <paramref name="tracesEndpoint"/>.</summary>
    /// <param name="store">The traces.</param>
    /// <param name="tracesEndpoint">The full traces URL (<see cref="TryResolveEndpoint"/>).</param>
    /// <param name="problem">Told once when sending starts failing (thread-safe, must not throw).</param>
    /// <param name="status">Told when it works again.</param>
    /// <param name="settings">Batching and bounds; null for <see cref="OtlpForwarderSettings.Default"/>.</param>
    public static OtlpForwarder Start(
        TraceStore store, Uri tracesEndpoint, Action<string> problem, Action<string> status, OtlpForwarderSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(tracesEndpoint);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(status);
        return new OtlpForwarder(store, tracesEndpoint, settings ?? OtlpForwarderSettings.Default, problem, status);
    }

    /// <summary>
    /// The traces URL for what a user gives: a URL ending in <c>/v1/traces</c> is used as it is (as
    /// <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c>); any other gets <c>v1/traces</c> appended to its path (as
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>: <c>http://localhost:4318</c> → <c>http://localhost:4318/v1/traces</c>),
    /// https://opentelemetry.io/docs/specs/otel/protocol/exporter/. False, with why, for anything but an absolute
    /// http or https URL with a host. Never throws.
    /// </summary>
    public static bool TryResolveEndpoint(string? value, out Uri? endpoint, out string? error)
    {
        endpoint = null;
        error = null;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host)
            || !string.IsNullOrEmpty(uri.Fragment))
        {
            error = $"'{value}' is not an http:// or https:// URL of an OTLP/HTTP endpoint (for example http://localhost:4318, or http://localhost:4318/v1/traces).";
            return false;
        }

        if (uri.AbsolutePath.EndsWith("/" + TracesPath, StringComparison.Ordinal))
        {
            endpoint = uri;
            return true;
        }

        endpoint = new UriBuilder(uri) { Path = uri.AbsolutePath.TrimEnd('/') + "/" + TracesPath }.Uri;
        return true;
    }

    /// <summary>Sends what is queued (once, within <see cref="OtlpForwarderSettings.FinalFlushTimeout"/>), then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _forwarding.ConfigureAwait(false);
        _queue.Writer.TryComplete();
        _http.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Called by the store on the adding thread: never blocks, never throws.</summary>
    private void Enqueue(StoredSegment segment)
    {
        if (!SegmentSpans.IsInProgress(segment.Document) && !_queue.Writer.TryWrite(segment))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private async Task ForwardAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_settings.FlushInterval, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            await FlushAsync(final: false, CancellationToken.None).ConfigureAwait(false);
        }

        using var deadline = new CancellationTokenSource(_settings.FinalFlushTimeout);
        await FlushAsync(final: true, deadline.Token).ConfigureAwait(false);
    }

    private async Task FlushAsync(bool final, CancellationToken cancellationToken)
    {
        var batch = new Batch();
        var now = DateTimeOffset.UtcNow;
        for (var i = _waiting.Count - 1; i >= 0; i--)
        {
            var (segment, since) = _waiting[i];
            var (found, head) = Head(segment);
            if (found || final || now - since >= _settings.ResourceWait)
            {
                _waiting.RemoveAt(i);
                Add(batch, segment, head);
            }
        }

        while (Next() is { } segment)
        {
            if (SegmentSpans.IsInProgress(segment.Document) || !_forwarded.Add($"{segment.TraceId}/{segment.Id}"))
            {
                continue;
            }

            var (found, head) = Head(segment);
            if (found || final)
            {
                Add(batch, segment, head);
            }
            else if (_waiting.Count < _settings.Capacity)
            {
                _waiting.Add((segment, now));
            }
            else
            {
                Interlocked.Increment(ref _dropped);
            }

            if (batch.SpanCount >= _settings.MaxBatchSpans)
            {
                await SendAsync(batch, final, cancellationToken).ConfigureAwait(false);
                batch = new Batch();
            }
        }

        if (batch.SpanCount > 0)
        {
            await SendAsync(batch, final, cancellationToken).ConfigureAwait(false);
        }
    }

    private StoredSegment? Next()
    {
        if (_backlogPosition < _backlog.Count)
        {
            return _backlog[_backlogPosition++];
        }

        return _queue.Reader.TryRead(out var segment) ? segment : null;
    }

    /// <summary>
    /// The segment whose resource <paramref name="segment"/>'s spans take: itself, or for a subsegment the segment its
    /// <c>parent_id</c>s lead to in the store (through subsegments, stored alone or nested); not found while that
    /// segment is not stored yet (its head then is null).
    /// </summary>
    private (bool Found, StoredSegment? Head) Head(StoredSegment segment)
    {
        if (segment.Type != "subsegment")
        {
            return (true, segment);
        }

        var byId = new Dictionary<string, StoredSegment>(StringComparer.Ordinal);
        foreach (var stored in _store.Trace(segment.TraceId))
        {
            byId.TryAdd(stored.Id, stored);
            IndexNested(stored.Document, stored, byId);
        }

        var current = segment;
        for (var depth = 0; depth < 64 && current.Type == "subsegment"; depth++)
        {
            if (current.ParentId is not { } parent || !byId.TryGetValue(parent, out var next))
            {
                return (false, null);
            }

            current = next;
        }

        return current.Type == "subsegment" ? (false, null) : (true, current);
    }

    private static void IndexNested(JsonElement document, StoredSegment top, Dictionary<string, StoredSegment> byId)
    {
        if (!document.TryGetProperty("subsegments", out var nested) || nested.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var child in nested.EnumerateArray())
        {
            if (child.ValueKind == JsonValueKind.Object
                && child.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
            {
                byId.TryAdd(id.GetString()!, top);
                IndexNested(child, top, byId);
            }
        }
    }

    private void Add(Batch batch, StoredSegment segment, StoredSegment? head)
    {
        var spans = batch.For(head);
        if (!SegmentSpans.TryConvert(segment, spans))
        {
            Interlocked.Increment(ref _unreadable);
        }
    }

    private async Task SendAsync(Batch batch, bool final, CancellationToken cancellationToken)
    {
        var count = batch.SpanCount;
        var body = batch.ToRequest().ToByteArray();
        for (var attempt = 0; ; attempt++)
        {
            var outcome = await PostAsync(body, cancellationToken).ConfigureAwait(false);
            if (outcome.Accepted)
            {
                Interlocked.Add(ref _sent, count - outcome.Rejected);
                Interlocked.Add(ref _dropped, outcome.Rejected);
                if (_failing)
                {
                    _failing = false;
                    _status($"OTLP forwarding to {Endpoint} works again ({Dropped} span(s) dropped so far).");
                }

                return;
            }

            if (!_failing)
            {
                _failing = true;
                _problem(outcome.Retryable && !final
                    ? $"OTLP forwarding to {Endpoint} failed ({outcome.Detail}); retrying, and dropping what exceeds {_settings.Capacity} queued segments meanwhile."
                    : $"OTLP forwarding to {Endpoint} failed ({outcome.Detail}); {count} span(s) dropped.");
            }

            if (!outcome.Retryable || final)
            {
                Interlocked.Add(ref _dropped, count);
                return;
            }

            try
            {
                await Task.Delay(outcome.RetryAfter ?? Backoff(attempt), _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping while the backend is down: the last flush tries what is queued once more.
                Interlocked.Add(ref _dropped, count);
                return;
            }
        }
    }

    private async Task<PostOutcome> PostAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(ProtobufContentType);
        try
        {
            using var response = await _http.PostAsync(Endpoint, content, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return new PostOutcome(true, false, null, "", await RejectedAsync(response, cancellationToken).ConfigureAwait(false));
            }

            var status = (int)response.StatusCode;
            var retryable = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway
                or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
            return new PostOutcome(false, retryable, RetryAfter(response.Headers.RetryAfter), $"HTTP {status}", 0);
        }
        catch (HttpRequestException ex)
        {
            return new PostOutcome(false, true, null, ex.Message, 0);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new PostOutcome(false, true, null, $"no answer within {_settings.RequestTimeout.TotalSeconds:0} s", 0);
        }
        catch (OperationCanceledException)
        {
            return new PostOutcome(false, false, null, "stopped before the backend answered", 0);
        }
    }

    /// <summary>The spans a 2xx answer's <c>partial_success</c> says were rejected (0 when it has none).</summary>
    private static async Task<long> RejectedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType != ProtobufContentType)
        {
            return 0;
        }

        try
        {
            var answer = ExportTraceServiceResponse.Parser.ParseFrom(
                await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
            return Math.Max(0, answer.PartialSuccess?.RejectedSpans ?? 0);
        }
        catch (InvalidProtocolBufferException)
        {
            return 0;
        }
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        var delay = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return delay is { } value ? TimeSpan.FromTicks(Math.Clamp(value.Ticks, 0, MaxRetryAfter.Ticks)) : null;
    }

    /// <summary>1 s, 2 s, 4 s … up to 30 s, each between 80% and 120% of that.</summary>
    private static TimeSpan Backoff(int attempt)
    {
        var seconds = Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(attempt, 10)));
#pragma warning disable CA5394 // Jitter, not security.
        return TimeSpan.FromSeconds(seconds * (0.8 + (0.4 * Random.Shared.NextDouble())));
#pragma warning restore CA5394
    }

    private sealed record PostOutcome(bool Accepted, bool Retryable, TimeSpan? RetryAfter, string Detail, long Rejected);

    /// <summary>Spans grouped by resource (the same service's segments in many traces share one).</summary>
    private sealed class Batch
    {
        private readonly Dictionary<string, (StoredSegment? Head, List<Span> Spans)> _groups = new(StringComparer.Ordinal);

        public int SpanCount => _groups.Values.Sum(group => group.Spans.Count);

        public List<Span> For(StoredSegment? head)
        {
            var key = head is null ? "" : $"{head.Name}\n{Origin(head)}\n{Arn(head)}";
            if (!_groups.TryGetValue(key, out var group))
            {
                group = (head, []);
                _groups.Add(key, group);
            }

            return group.Spans;
        }

        public ExportTraceServiceRequest ToRequest()
        {
            var request = new ExportTraceServiceRequest();
            foreach (var (head, spans) in _groups.Values)
            {
                var scope = new ScopeSpans { Scope = new InstrumentationScope { Name = SegmentSpans.ScopeName } };
                scope.Spans.AddRange(spans);
                request.ResourceSpans.Add(new ResourceSpans { Resource = SegmentSpans.Resource(head), ScopeSpans = { scope } });
            }

            return request;
        }

        private static string? Origin(StoredSegment head) =>
            head.Document.TryGetProperty("origin", out var origin) ? origin.ToString() : null;

        private static string? Arn(StoredSegment head) =>
            head.Document.TryGetProperty("resource_arn", out var arn) ? arn.ToString() : null;
    }
}

/// <summary>How <see cref="OtlpForwarder"/> batches and what it bounds.</summary>
/// <param name="FlushInterval">How often the queue is sent.</param>
/// <param name="MaxBatchSpans">Spans per request at most (OpenTelemetry's batch processor's default export size).</param>
/// <param name="Capacity">Segments queued at most, and subsegments waiting for their segment at most: beyond, dropped.</param>
/// <param name="ResourceWait">How long a subsegment waits for its segment before it goes as <c>unknown_service</c>.</param>
/// <param name="RequestTimeout">How long one request may take (OpenTelemetry's exporter default, 10 s).</param>
/// <param name="FinalFlushTimeout">How long stopping may spend sending what is queued.</param>
internal sealed record OtlpForwarderSettings(
    TimeSpan FlushInterval, int MaxBatchSpans, int Capacity, TimeSpan ResourceWait, TimeSpan RequestTimeout, TimeSpan FinalFlushTimeout)
{
    public static OtlpForwarderSettings Default { get; } = new(
        TimeSpan.FromSeconds(1), 512, 8192, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5));
}
