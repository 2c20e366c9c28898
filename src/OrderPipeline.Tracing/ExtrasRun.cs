namespace OrderPipeline.Tracing;

/// <summary>
/// Follows where a header's extra parts lie while it is read, to keep them as a slice of the header's text when they
/// are already written <c>k=v;k2=v2</c>: one after the other, with no spaces around parts, keys or values.
/// </summary>
internal struct ExtrasRun
{
    private int _start;
    private int _end;
    private bool _any;
    private bool _previousWasExtra;
    private bool _sliceable;

    /// <summary>An extra part at <paramref name="range"/>; <paramref name="canonical"/> when it has no spaces to trim.</summary>
    public void Add(Range range, bool canonical)
    {
        if (!_any)
        {
            _any = true;
            _sliceable = true;
            _start = range.Start.Value;
        }
        else if (!_previousWasExtra)
        {
            _sliceable = false;
        }

        _sliceable &= canonical;
        _end = range.End.Value;
        _previousWasExtra = true;
    }

    /// <summary>A part that is not an extra (a known key or an empty part): a later extra no longer follows on.</summary>
    public void Interrupt() => _previousWasExtra = false;

    /// <summary>The extras written <c>k=v;k2=v2</c>: a slice of <paramref name="source"/> when possible, else a new string.</summary>
    /// <param name="value">The text read.</param>
    /// <param name="source">The string <paramref name="value"/> spans, whole, or null.</param>
    public readonly ReadOnlyMemory<char> Text(ReadOnlySpan<char> value, string? source)
    {
        if (!_any)
        {
            return default;
        }

        if (!_sliceable)
        {
            return TraceHeaderParser.CopyExtras(value).AsMemory();
        }

        return source is null ? value[_start.._end].ToString().AsMemory() : source.AsMemory(_start, _end - _start);
    }
}
