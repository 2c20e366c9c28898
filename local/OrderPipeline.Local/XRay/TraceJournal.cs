using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Channels;

namespace OrderPipeline.Local.XRay;

/// <summary>
/// The segments of a <see cref="TraceStore"/> on disk: one JSON document a line (UTF-8, <c>\n</c>), appended by a
/// background writer so that adding a segment never waits for the disk. Each document is the one received, written
/// back as its <see cref="JsonElement"/> holds it.
/// </summary>
internal sealed class TraceJournal : IAsyncDisposable
{
    private const byte NewLine = (byte)'\n';

    // Escape only what JSON requires, so that a document written back reads as it was received (no \uXXXX for "é").
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly FileStream _file;
    private readonly Channel<StoredSegment> _pending =
        Channel.CreateUnbounded<StoredSegment>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writing;
    private int _failedWrites;

    private TraceJournal(FileStream file, bool needsNewLine)
    {
        _file = file;
        _writing = Task.Run(() => WriteAsync(needsNewLine));
    }

    /// <summary>Batches of segments the disk refused (an I/O error): they stay in memory but are not persisted.</summary>
    public int FailedWrites => Volatile.Read(ref _failedWrites);

    /// <summary>Reads every readable segment of the journal at <paramref name="path"/>; skips lines that are not one.</summary>
    public static IReadOnlyList<StoredSegment> Load(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var segments = new List<StoredSegment>();
        ReadOnlyMemory<byte> rest = File.ReadAllBytes(path);
        while (!rest.IsEmpty)
        {
            var end = rest.Span.IndexOf(NewLine);
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
            if (TryParse(line) is { } segment)
            {
                segments.Add(segment);
            }
        }

        return segments;
    }

    /// <summary>Opens the journal at <paramref name="path"/> for appending, creating it and its folder when absent.</summary>
    public static TraceJournal Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        return new TraceJournal(file, needsNewLine: EndsWithoutNewLine(path));
    }

    public void Append(StoredSegment segment) => _pending.Writer.TryWrite(segment);

    /// <summary>Writes what is pending, then closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writing.ConfigureAwait(false);
        await _file.DisposeAsync().ConfigureAwait(false);
    }

    private static StoredSegment? TryParse(ReadOnlyMemory<byte> line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return StoredSegment.TryRead(document.RootElement.Clone(), out var segment) ? segment : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // A line cut short (the process was killed mid-write) must not swallow the next segment appended.
    private static bool EndsWithoutNewLine(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (file.Length == 0)
        {
            return false;
        }

        file.Seek(-1, SeekOrigin.End);
        return file.ReadByte() != NewLine;
    }

    private async Task WriteAsync(bool needsNewLine)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        if (needsNewLine)
        {
            buffer.Write([NewLine]);
        }

        while (await _pending.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (_pending.Reader.TryRead(out var segment))
            {
                segment.Document.WriteTo(writer);
                writer.Flush();
                writer.Reset();
                buffer.Write([NewLine]);
            }

            try
            {
                await _file.WriteAsync(buffer.WrittenMemory).ConfigureAwait(false);
                await _file.FlushAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
                Interlocked.Increment(ref _failedWrites);
            }

            buffer.ResetWrittenCount();
        }
    }
}
