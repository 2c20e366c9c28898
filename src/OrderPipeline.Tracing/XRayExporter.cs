using System.Buffers;
using System.Collections.Frozen;
using System.Diagnostics;
using System.Text.Json;
using OrderPipeline.Tracing.Export;

namespace OrderPipeline.Tracing;

/// <summary>Receives finished X-Ray segment documents (UTF-8 JSON, one document per call).</summary>
public interface ISegmentSink
{
    /// <summary>Sends or stores the document. Must never throw: it runs when an activity stops, inside the request.</summary>
    void Send(ReadOnlySpan<byte> document);
}

/// <summary>
/// Listens to the named activity sources and sends every finished, recorded activity to a sink as an X-Ray
/// subsegment document. Sampling follows the parent: a recorded parent (<c>Sampled=1</c>) gives recorded
/// activities; a parent that is not recorded gives activities that carry ids but emit nothing; without a parent no
/// activity is created, so no trace id is ever invented here.
/// </summary>
/// <remarks>
/// Tags named in <c>annotationKeys</c> become indexed annotations (key reduced to <c>[A-Za-z0-9_]</c>); the
/// <see cref="TraceTags"/> fill <c>namespace</c>, <c>aws</c>, <c>http</c> and the error flags; every other tag is
/// metadata. Span links are not written: the X-Ray segment document has no field for them.
/// </remarks>
public sealed class XRayExporter : IDisposable
{
    private readonly ISegmentSink _sink;
    private readonly FrozenSet<string> _sourceNames;
    private readonly SegmentDocumentWriter _writer;
    private readonly Action<string>? _reportProblem;
    private readonly DocumentBufferSlot _buffers = new();
    private readonly ActivityListener _listener;

    /// <summary>Set by the first document that cannot be written: the problem is reported once, not once per document.</summary>
    private int _writeProblemReported;

    /// <param name="sink">Receives the documents; the exporter does not dispose it.</param>
    /// <param name="sourceNames">The <see cref="ActivitySource"/> names to export.</param>
    /// <param name="annotationKeys">The tag keys written as annotations.</param>
    /// <param name="reportProblem">Told, once, when an activity cannot be written as a document. Never the console.</param>
    public XRayExporter(
        ISegmentSink sink,
        IEnumerable<string> sourceNames,
        IEnumerable<string> annotationKeys,
        Action<string>? reportProblem = null)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(sourceNames);
        ArgumentNullException.ThrowIfNull(annotationKeys);
        _sink = sink;
        _sourceNames = sourceNames.ToFrozenSet(StringComparer.Ordinal);
        _writer = new SegmentDocumentWriter(annotationKeys.ToFrozenSet(StringComparer.Ordinal));
        _reportProblem = reportProblem;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => _sourceNames.Contains(source.Name),
            Sample = Sample,
            ActivityStopped = Export,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _buffers.Dispose();
    }

    private static ActivitySamplingResult Sample(ref ActivityCreationOptions<ActivityContext> options)
    {
        if (options.Parent == default)
        {
            return ActivitySamplingResult.None;
        }

        return options.Parent.TraceFlags.HasFlag(ActivityTraceFlags.Recorded)
            ? ActivitySamplingResult.AllDataAndRecorded
            : ActivitySamplingResult.PropagationData;
    }

    private void Export(Activity activity)
    {
        if (!activity.Recorded || activity.IdFormat != ActivityIdFormat.W3C || activity.ParentSpanId == default)
        {
            return;
        }

        var buffer = _buffers.Take();
        try
        {
            ReadOnlySpan<byte> document;
            try
            {
                document = buffer.Write(_writer, activity);
            }
            catch (ArgumentException exception)
            {
                // Utf8JsonWriter refuses text that is not valid UTF-16 (a lone surrogate in a tag); the request goes on.
                if (Interlocked.Exchange(ref _writeProblemReported, 1) == 0)
                {
                    _reportProblem?.Invoke($"Activity '{activity.DisplayName}' could not be written as a segment document: {exception.Message}");
                }

                return;
            }

            _sink.Send(document);
        }
        finally
        {
            _buffers.Return(buffer);
        }
    }
}

/// <summary>
/// Keeps one spare <see cref="DocumentBuffer"/>. Activities stop on any thread, usually one at a time: the first
/// caller takes the spare, a concurrent one gets a new buffer, and whichever gives its buffer back first refills the
/// slot. No lock, and nothing runs outside the caller's own thread.
/// </summary>
internal sealed class DocumentBufferSlot : IDisposable
{
    private DocumentBuffer? _spare = new();

    public DocumentBuffer Take() => Interlocked.Exchange(ref _spare, null) ?? new DocumentBuffer();

    public void Return(DocumentBuffer buffer)
    {
        if (!buffer.IsWorthKeeping || Interlocked.CompareExchange(ref _spare, buffer, null) is not null)
        {
            buffer.Dispose();
        }
    }

    public void Dispose() => Interlocked.Exchange(ref _spare, null)?.Dispose();
}

/// <summary>
/// A byte buffer and the JSON writer over it, reused from one document to the next so that exporting an activity
/// allocates neither. One document at a time: <see cref="DocumentBufferSlot"/> hands it to one thread.
/// </summary>
internal sealed class DocumentBuffer : IDisposable
{
    /// <summary>A first guess at a document's size: an SQS call's subsegment is about 600 bytes.</summary>
    private const int InitialBytes = 2048;

    /// <summary>A buffer grown past this (by a document with large metadata) is not kept for the next document.</summary>
    private const int MaxKeptBytes = 64 * 1024;

    private readonly ArrayBufferWriter<byte> _bytes = new(InitialBytes);
    private readonly Utf8JsonWriter _json;

    public DocumentBuffer() => _json = new Utf8JsonWriter(_bytes, SegmentDocumentWriter.JsonOptions);

    /// <summary>Whether the buffer is small enough to keep for the next document.</summary>
    public bool IsWorthKeeping => _bytes.Capacity <= MaxKeptBytes;

    /// <summary>Writes the document of <paramref name="activity"/>; the span is valid until the next call.</summary>
    /// <exception cref="ArgumentException">Text in the activity is not valid UTF-16.</exception>
    public ReadOnlySpan<byte> Write(SegmentDocumentWriter writer, Activity activity)
    {
        _bytes.ResetWrittenCount();
        _json.Reset();
        writer.Write(activity, _json);
        _json.Flush();
        return _bytes.WrittenSpan;
    }

    public void Dispose() => _json.Dispose();
}
