using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace OrderPipeline.Tracing;

/// <summary>Reads the parts of an X-Ray trace header; never throws.</summary>
internal static class TraceHeaderParser
{
    private const int SpanIdLength = 16;
    private const int StackChars = 256;

    /// <param name="value">The header text.</param>
    /// <param name="source">The string <paramref name="value"/> spans, whole, if there is one: extras are sliced from it.</param>
    /// <param name="header">The header read; null when the text is not one.</param>
    public static bool TryParse(ReadOnlySpan<char> value, string? source, [NotNullWhen(true)] out TraceHeader? header)
    {
        header = null;
        var rootSeen = false;
        var traceId = UInt128.Zero;
        ulong parentId = 0;
        var sampled = SamplingDecision.Unknown;
        var extras = new ExtrasRun();

        foreach (var range in value.Split(TraceHeader.PartSeparator))
        {
            var raw = value[range];
            var part = raw.Trim();
            if (part.IsEmpty)
            {
                extras.Interrupt();
                continue;
            }

            var equals = part.IndexOf(TraceHeader.KeyValueSeparator);
            if (equals <= 0)
            {
                return false;
            }

            var key = part[..equals].Trim();
            var item = part[(equals + 1)..].Trim();
            if (key.SequenceEqual(TraceHeader.RootKey))
            {
                if (rootSeen || !XRayTraceId.TryRead(item, out traceId))
                {
                    return false;
                }

                rootSeen = true;
                extras.Interrupt();
            }
            else if (key.SequenceEqual(TraceHeader.ParentKey))
            {
                if (parentId != 0 || !TryReadSpanId(item, out parentId))
                {
                    return false;
                }

                extras.Interrupt();
            }
            else if (key.SequenceEqual(TraceHeader.SampledKey))
            {
                if (sampled != SamplingDecision.Unknown || !TryReadSampled(item, out sampled))
                {
                    return false;
                }

                extras.Interrupt();
            }
            else if (IsExtraKey(key))
            {
                extras.Add(range, canonical: raw.Length == key.Length + 1 + item.Length);
            }
            else
            {
                return false;
            }
        }

        if (!rootSeen)
        {
            return false;
        }

        header = new TraceHeader(traceId, parentId, sampled, extras.Text(value, source));
        return true;
    }

    /// <summary>Reads extras written <c>k=v;k2=v2</c> into key/value pairs; skips anything else. Null when there are none.</summary>
    public static List<KeyValuePair<string, string>>? ParseExtras(ReadOnlySpan<char> value)
    {
        List<KeyValuePair<string, string>>? extras = null;
        foreach (var range in value.Split(TraceHeader.PartSeparator))
        {
            if (TryReadExtra(value[range], out var key, out var item))
            {
                (extras ??= []).Add(new(key.ToString(), item.ToString()));
            }
        }

        return extras;
    }

    /// <summary>Writes every extra part of <paramref name="value"/> as <c>k=v</c>, separated by <c>;</c>; returns the length.</summary>
    public static int WriteExtras(ReadOnlySpan<char> value, Span<char> destination)
    {
        var at = 0;
        foreach (var range in value.Split(TraceHeader.PartSeparator))
        {
            if (TryReadExtra(value[range], out var key, out var item))
            {
                if (at > 0)
                {
                    destination[at++] = TraceHeader.PartSeparator;
                }

                key.CopyTo(destination[at..]);
                at += key.Length;
                destination[at++] = TraceHeader.KeyValueSeparator;
                item.CopyTo(destination[at..]);
                at += item.Length;
            }
        }

        return at;
    }

    public static bool IsSpanId(ReadOnlySpan<char> value) => TryReadSpanId(value, out _);

    public static bool TryReadSpanId(ReadOnlySpan<char> value, out ulong id)
    {
        id = value.Length == SpanIdLength && LowerHex.IsValid(value) ? LowerHex.ParseUInt64(value) : 0;
        return id != 0;
    }

    public static bool IsExtraKey(ReadOnlySpan<char> key) =>
        !key.IsEmpty
        && !key.ContainsAny(TraceHeader.PartSeparator, TraceHeader.KeyValueSeparator)
        && !HasOuterWhitespace(key)
        && !key.SequenceEqual(TraceHeader.RootKey)
        && !key.SequenceEqual(TraceHeader.ParentKey)
        && !key.SequenceEqual(TraceHeader.SampledKey);

    public static bool IsExtraValue(ReadOnlySpan<char> value) =>
        !value.Contains(TraceHeader.PartSeparator) && !HasOuterWhitespace(value);

    /// <summary>Copies the extras of <paramref name="value"/> into one new string.</summary>
    internal static string CopyExtras(ReadOnlySpan<char> value)
    {
        char[]? rented = null;
        var buffer = value.Length <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(value.Length));
        try
        {
            return new string(buffer[..WriteExtras(value, buffer)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static bool TryReadExtra(ReadOnlySpan<char> raw, out ReadOnlySpan<char> key, out ReadOnlySpan<char> item)
    {
        var part = raw.Trim();
        var equals = part.IndexOf(TraceHeader.KeyValueSeparator);
        key = equals <= 0 ? default : part[..equals].Trim();
        item = equals <= 0 ? default : part[(equals + 1)..].Trim();
        return equals > 0 && IsExtraKey(key);
    }

    private static bool TryReadSampled(ReadOnlySpan<char> value, out SamplingDecision sampled)
    {
        sampled = value switch
        {
            "1" => SamplingDecision.Sampled,
            "0" => SamplingDecision.NotSampled,
            "?" => SamplingDecision.Requested,
            _ => SamplingDecision.Unknown,
        };
        return sampled != SamplingDecision.Unknown;
    }

    private static bool HasOuterWhitespace(ReadOnlySpan<char> value) =>
        !value.IsEmpty && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]));
}
