using System.Buffers;
using System.Text.Json;

namespace OrderPipeline.Lambda.Logging;

/// <summary>
/// The process' structured output: whole JSON objects, one a line, written to a stream (stdout in Lambda) under one
/// lock, so log records and metric documents from concurrent callers never interleave. A line that fails to encode or
/// write is dropped: output never fails an invocation.
/// </summary>
internal sealed class JsonLineSink : IDisposable
{
    private readonly Lock _lock = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _writer;
    private readonly Stream _stream;

    public JsonLineSink(Stream stream)
    {
        _stream = stream;
        _writer = new Utf8JsonWriter(_buffer, ExceptionFields.WriterOptions);
    }

    /// <summary>Writes one line made by <paramref name="write"/>; never throws for encoding or I/O failures.</summary>
    public void WriteLine<TState>(TState state, LineWriter<TState> write)
        where TState : allows ref struct
    {
        lock (_lock)
        {
            try
            {
                _buffer.ResetWrittenCount();
                _writer.Reset(_buffer);
                write(_writer, state);
                _writer.Flush();
                _buffer.GetSpan(1)[0] = (byte)'\n';
                _buffer.Advance(1);
                _stream.Write(_buffer.WrittenSpan);
                _stream.Flush();
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or ArgumentException or InvalidOperationException)
            {
                // Dropped: telemetry never hurts the request.
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _writer.Dispose();
        }
    }

    /// <summary>Writes one JSON value (the whole line) with <paramref name="writer"/>.</summary>
    public delegate void LineWriter<TState>(Utf8JsonWriter writer, TState state)
        where TState : allows ref struct;
}
