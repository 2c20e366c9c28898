namespace OrderPipeline.Tracing;

/// <summary>Writes a trace header's canonical form in one string: <c>Root=…;Parent=…;Sampled=…;k=v</c>.</summary>
internal static class TraceHeaderFormat
{
    private const int SpanIdDigits = 16;
    private const int TraceIdDigits = 32;

    public static string Format(UInt128 traceId, ulong parentId, SamplingDecision sampled, ReadOnlySpan<char> extras)
    {
        var length = PartLength(TraceHeader.RootKey, XRayTraceId.Length) - 1;
        length += parentId == 0 ? 0 : PartLength(TraceHeader.ParentKey, SpanIdDigits);
        length += sampled == SamplingDecision.Unknown ? 0 : PartLength(TraceHeader.SampledKey, 1);
        length += extras.IsEmpty ? 0 : 1 + extras.Length;

        Span<char> initial = stackalloc char[256];
        var buffer = length <= initial.Length ? initial[..length] : new char[length];
        var at = WriteKey(buffer, 0, TraceHeader.RootKey);
        Span<char> hex = stackalloc char[TraceIdDigits];
        LowerHex.Write(traceId, hex);
        XRayTraceId.Write(hex, buffer[at..]);
        at += XRayTraceId.Length;
        if (parentId != 0)
        {
            buffer[at++] = TraceHeader.PartSeparator;
            at = WriteKey(buffer, at, TraceHeader.ParentKey);
            LowerHex.Write(parentId, buffer[at..]);
            at += SpanIdDigits;
        }

        if (sampled != SamplingDecision.Unknown)
        {
            buffer[at++] = TraceHeader.PartSeparator;
            at = WriteKey(buffer, at, TraceHeader.SampledKey);
            buffer[at++] = TraceHeader.SampledValue(sampled);
        }

        if (!extras.IsEmpty)
        {
            buffer[at++] = TraceHeader.PartSeparator;
            extras.CopyTo(buffer[at..]);
        }

        return new string(buffer);
    }

    // ";key=" plus the value.
    private static int PartLength(string key, int valueLength) => 1 + key.Length + 1 + valueLength;

    private static int WriteKey(Span<char> buffer, int at, string key)
    {
        key.CopyTo(buffer[at..]);
        at += key.Length;
        buffer[at++] = TraceHeader.KeyValueSeparator;
        return at;
    }
}
