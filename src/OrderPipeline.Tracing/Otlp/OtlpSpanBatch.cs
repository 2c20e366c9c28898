using System.Diagnostics;

namespace OrderPipeline.Tracing.Otlp;

/// <summary>
/// The spans one invocation recorded, each encoded when its activity stops, and the OTLP
/// <c>ExportTraceServiceRequest</c>s that carry them: one resource, one <c>ScopeSpans</c> per activity source. Requests
/// are cut at a size limit (the X-Ray daemon's datagram) and never mix sampled and unsampled spans (their datagrams are
/// marked differently). At most <see cref="MaxBufferedBytes"/> of spans are held; a span past that is dropped and
/// counted. Not thread-safe: <see cref="OtlpExporter"/> holds its lock around <see cref="Add"/>.
/// </summary>
internal sealed class OtlpSpanBatch
{
    /// <summary>
    /// The span bytes held for one invocation: about 4,000 spans of the size an SQS call's span has (about 400 bytes),
    /// far more than an invocation here records (ConsumerTelemetry records 10 records of a batch), and little beside
    /// the function's memory.
    /// </summary>
    public const int MaxBufferedBytes = 2 * 1024 * 1024;

    /// <summary>
    /// What the buffers keep between invocations (a batch of a few thousand spans); a flush that grew them past this
    /// gives the memory back. Kept, not shrunk each time: regrowing a buffer on every invocation would allocate it anew
    /// (on the large object heap) every time.
    /// </summary>
    internal const int KeptBytes = 1024 * 1024;

    private readonly ProtoBuffer _spans = new(16 * 1024);
    private readonly List<Entry> _entries = [];
    private readonly OtlpSpanWriter _writer;
    private readonly OtlpScopes _scopes;

    public OtlpSpanBatch(OtlpSpanWriter writer, OtlpScopes scopes)
    {
        _writer = writer;
        _scopes = scopes;
    }

    public int Count => _entries.Count;

    /// <summary>Encodes the span; false when the batch is full and the span was dropped.</summary>
    public bool Add(Activity activity)
    {
        var start = _spans.Length;
        _writer.Write(activity, _spans);
        if (_spans.Length > MaxBufferedBytes)
        {
            // The batch is full: the spans already held stay, this one is forgotten.
            _spans.Truncate(start);
            return false;
        }

        _entries.Add(new Entry(_scopes.IndexOf(activity.Source), start, _spans.Length - start, activity.Recorded));
        return true;
    }

    public void Clear()
    {
        _spans.Reset(KeptBytes);
        _entries.Clear();
    }

    /// <summary>
    /// Writes the requests into <paramref name="output"/> (cleared first), each at most <paramref name="maxRequestBytes"/>,
    /// and lists them in <paramref name="requests"/>. A span too large for a request on its own is left out; the count
    /// of those is returned.
    /// </summary>
    public int WriteRequests(ReadOnlySpan<byte> resource, int maxRequestBytes, ProtoBuffer output, List<OtlpRequest> requests)
    {
        output.Clear();
        requests.Clear();

        // Sampled first, then by source, keeping the order spans stopped in within a source. A span too large for a
        // request of its own is left out.
        var resourceField = ProtoBuffer.FieldSize(resource.Length);
        var order = new List<int>(_entries.Count);
        var tooLarge = 0;
        for (var i = 0; i < _entries.Count; i++)
        {
            var entry = _entries[i];
            if (RequestSize(resourceField, 0, ScopeField(entry.Scope, ProtoBuffer.FieldSize(entry.Length))) > maxRequestBytes)
            {
                tooLarge++;
            }
            else
            {
                order.Add(i);
            }
        }

        order.Sort((a, b) =>
        {
            var x = _entries[a];
            var y = _entries[b];
            return x.Sampled != y.Sampled ? (x.Sampled ? -1 : 1) : x.Scope != y.Scope ? x.Scope.CompareTo(y.Scope) : a.CompareTo(b);
        });

        // Greedy: a span joins the current request while the request stays within the limit; the sizes of the
        // scopes already closed and of the open one are kept, so each span is measured once.
        var chunkStart = 0;
        var closedScopes = 0;
        var openScopeSpans = 0;
        for (var i = 0; i < order.Count; i++)
        {
            var entry = _entries[order[i]];
            var spanField = ProtoBuffer.FieldSize(entry.Length);
            if (i > chunkStart)
            {
                var previous = _entries[order[i - 1]];
                var sameScope = previous.Scope == entry.Scope;
                var closed = sameScope ? closedScopes : closedScopes + ScopeField(previous.Scope, openScopeSpans);
                var open = sameScope ? openScopeSpans + spanField : spanField;
                if (previous.Sampled == entry.Sampled && RequestSize(resourceField, closed, ScopeField(entry.Scope, open)) <= maxRequestBytes)
                {
                    closedScopes = closed;
                    openScopeSpans = open;
                    continue;
                }

                WriteRequest(resource, order, chunkStart, i - chunkStart, output, requests);
                chunkStart = i;
            }

            closedScopes = 0;
            openScopeSpans = spanField;
        }

        if (order.Count > chunkStart)
        {
            WriteRequest(resource, order, chunkStart, order.Count - chunkStart, output, requests);
        }

        return tooLarge;
    }

    private static int RequestSize(int resourceField, int closedScopes, int openScope) =>
        ProtoBuffer.FieldSize(resourceField + closedScopes + openScope);

    private int ScopeField(int scope, int spanFields) => ProtoBuffer.FieldSize(ProtoBuffer.FieldSize(_scopes[scope].Length) + spanFields);

    private void WriteRequest(ReadOnlySpan<byte> resource, List<int> order, int first, int count, ProtoBuffer output, List<OtlpRequest> requests)
    {
        var start = output.Length;
        var sampled = true;
        var resourceSpans = output.BeginMessage(OtlpFields.RequestResourceSpans);
        output.WriteBytesField(OtlpFields.ResourceSpansResource, resource);
        var scope = -1;
        var scopeSpans = -1;
        for (var i = first; i < first + count; i++)
        {
            var entry = _entries[order[i]];
            sampled = entry.Sampled;
            if (entry.Scope != scope)
            {
                if (scopeSpans >= 0)
                {
                    output.EndMessage(scopeSpans);
                }

                scope = entry.Scope;
                scopeSpans = output.BeginMessage(OtlpFields.ResourceSpansScopeSpans);
                output.WriteBytesField(OtlpFields.ScopeSpansScope, _scopes[scope].Span);
            }

            output.WriteBytesField(OtlpFields.ScopeSpansSpans, _spans.Slice(entry.Offset, entry.Length));
        }

        if (scopeSpans >= 0)
        {
            output.EndMessage(scopeSpans);
        }

        output.EndMessage(resourceSpans);
        requests.Add(new OtlpRequest(start, output.Length - start, sampled, count));
    }

    private readonly record struct Entry(int Scope, int Offset, int Length, bool Sampled);
}

/// <summary>One request of a flush: where it lies in the output buffer, whether its spans are sampled, how many it holds.</summary>
internal readonly record struct OtlpRequest(int Offset, int Length, bool Sampled, int Spans);

/// <summary>
/// The encoded <c>InstrumentationScope</c> of each activity source seen (name and version), indexed in the order they
/// were first seen. Shared by a session's batches; guarded by the exporter's lock.
/// </summary>
internal sealed class OtlpScopes
{
    private readonly Dictionary<ActivitySource, int> _indexes = [];
    private readonly List<byte[]> _scopes = [];

    public ReadOnlyMemory<byte> this[int index] => _scopes[index];

    public int IndexOf(ActivitySource source)
    {
        if (!_indexes.TryGetValue(source, out var index))
        {
            var scope = new ProtoBuffer(64);
            scope.WriteStringField(OtlpFields.ScopeName, source.Name);
            if (!string.IsNullOrEmpty(source.Version))
            {
                scope.WriteStringField(OtlpFields.ScopeVersion, source.Version);
            }

            index = _scopes.Count;
            _scopes.Add(scope.WrittenSpan.ToArray());
            _indexes.Add(source, index);
        }

        return index;
    }
}
