using System.Buffers;
using System.Diagnostics;
using System.Text.Json;

namespace OrderPipeline.Tracing.Export;

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

    public DocumentBuffer() => _json = new Utf8JsonWriter(_bytes, SegmentJson.WriterOptions);

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
