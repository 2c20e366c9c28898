using OrderPipeline.Tracing;

namespace OrderPipeline.Benchmarks.Support;

/// <summary>
/// An in-memory sink that keeps a copy of the last document and counts them. It allocates nothing, so what a
/// benchmark allocates is the exporter's.
/// </summary>
internal sealed class LastDocumentSink : ISegmentSink
{
    private readonly byte[] _last = new byte[UdpSegmentEmitter.MaxDatagramBytes];
    private int _length;

    public long Count { get; private set; }

    public ReadOnlySpan<byte> Last => _last.AsSpan(0, _length);

    public void Send(ReadOnlySpan<byte> document)
    {
        _length = Math.Min(document.Length, _last.Length);
        document[.._length].CopyTo(_last);
        Count++;
    }
}
