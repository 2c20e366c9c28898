namespace OrderPipeline.Tracing.Export;

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
