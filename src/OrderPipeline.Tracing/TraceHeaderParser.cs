using System.Diagnostics.CodeAnalysis;

namespace OrderPipeline.Tracing;

/// <summary>Reads the parts of an X-Ray trace header; never throws.</summary>
internal static class TraceHeaderParser
{
    private const int SpanIdLength = 16;

    public static bool TryParse(ReadOnlySpan<char> value, [NotNullWhen(true)] out TraceHeader? header)
    {
        header = null;
        string? root = null;
        string? parent = null;
        var sampled = SamplingDecision.Unknown;
        var sampledSeen = false;
        List<KeyValuePair<string, string>>? extras = null;

        foreach (var range in value.Split(TraceHeader.PartSeparator))
        {
            var part = value[range].Trim();
            if (part.IsEmpty)
            {
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
                if (root is not null || !XRayTraceId.TryParse(item, out _))
                {
                    return false;
                }

                root = item.ToString();
            }
            else if (key.SequenceEqual(TraceHeader.ParentKey))
            {
                if (parent is not null || !IsSpanId(item))
                {
                    return false;
                }

                parent = item.ToString();
            }
            else if (key.SequenceEqual(TraceHeader.SampledKey))
            {
                if (sampledSeen || !TryReadSampled(item, out sampled))
                {
                    return false;
                }

                sampledSeen = true;
            }
            else if (IsExtraKey(key))
            {
                (extras ??= []).Add(new(key.ToString(), item.ToString()));
            }
            else
            {
                return false;
            }
        }

        if (root is null)
        {
            return false;
        }

        header = new TraceHeader(root, parent, sampled, extras);
        return true;
    }

    /// <summary>Reads extras written <c>k=v;k2=v2</c> into an activity's trace state; skips anything else.</summary>
    public static List<KeyValuePair<string, string>>? ParseTraceState(string? traceState)
    {
        List<KeyValuePair<string, string>>? extras = null;
        var value = traceState.AsSpan();
        foreach (var range in value.Split(TraceHeader.PartSeparator))
        {
            var part = value[range].Trim();
            var equals = part.IndexOf(TraceHeader.KeyValueSeparator);
            if (equals <= 0)
            {
                continue;
            }

            var key = part[..equals].Trim();
            var item = part[(equals + 1)..].Trim();
            if (IsExtraKey(key))
            {
                (extras ??= []).Add(new(key.ToString(), item.ToString()));
            }
        }

        return extras;
    }

    public static bool IsSpanId(ReadOnlySpan<char> value) =>
        value.Length == SpanIdLength && LowerHex.IsValid(value) && value.ContainsAnyExcept('0');

    public static bool IsExtraKey(ReadOnlySpan<char> key) =>
        !key.IsEmpty
        && !key.ContainsAny(TraceHeader.PartSeparator, TraceHeader.KeyValueSeparator)
        && !HasOuterWhitespace(key)
        && !key.SequenceEqual(TraceHeader.RootKey)
        && !key.SequenceEqual(TraceHeader.ParentKey)
        && !key.SequenceEqual(TraceHeader.SampledKey);

    public static bool IsExtraValue(ReadOnlySpan<char> value) =>
        !value.Contains(TraceHeader.PartSeparator) && !HasOuterWhitespace(value);

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
