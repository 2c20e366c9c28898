using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace OrderPipeline.Tracing;

/// <summary>The <c>Sampled=</c> field of an X-Ray trace header.</summary>
public enum SamplingDecision
{
    /// <summary>No <c>Sampled=</c> field.</summary>
    Unknown,

    /// <summary><c>Sampled=1</c>.</summary>
    Sampled,

    /// <summary><c>Sampled=0</c>.</summary>
    NotSampled,

    /// <summary><c>Sampled=?</c>: the receiver decides by its sampling rules.</summary>
    Requested,
}

/// <summary>
/// An X-Ray trace header (<c>X-Amzn-Trace-Id</c>, <c>Lambda-Runtime-Trace-Id</c>, the SQS <c>AWSTraceHeader</c>
/// attribute): <c>Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1</c> and any other
/// <c>key=value</c> fields (such as <c>Lineage</c>), which are kept verbatim and in order. Immutable, compared by value.
/// </summary>
/// <remarks>
/// Parsing is on every invocation's and every SQS record's path, so the header holds the ids as numbers and the
/// other fields as one text (<c>k=v;k2=v2</c>, usually a slice of the parsed string): the header object is its only
/// allocation. <see cref="Root"/>, <see cref="Parent"/> and <see cref="OtherFields"/> are written when read.
/// </remarks>
public sealed class TraceHeader : IEquatable<TraceHeader>
{
    public const string HeaderName = "X-Amzn-Trace-Id";

    private const string RootKey = "Root";
    private const string ParentKey = "Parent";
    private const string SampledKey = "Sampled";
    private const char FieldSeparator = ';';
    private const char KeyValueSeparator = '=';
    private const int SpanIdDigits = 16;

    /// <summary>A header or its other fields up to this many characters is written on the stack.</summary>
    private const int StackChars = 256;

    /// <summary>The <see cref="Activity.GetCustomProperty"/> key under which <see cref="CarryOtherFieldsOn"/> leaves the header.</summary>
    private const string CarriedHeaderProperty = "OrderPipeline.Tracing.TraceHeader";

    private readonly UInt128 _traceId;
    private readonly ulong _parentId;

    /// <summary>The other fields written <c>k=v;k2=v2</c>, with no whitespace around keys and values; empty when none.</summary>
    private readonly ReadOnlyMemory<char> _otherFields;

    /// <exception cref="ArgumentException">
    /// <paramref name="root"/> is not <c>1-{8 hex}-{24 hex}</c>, <paramref name="parent"/> is not 16 lowercase hex,
    /// or another field has a key that is empty, known or holds <c>;</c>, <c>=</c> or outer whitespace, or a value
    /// that holds <c>;</c> or outer whitespace.
    /// </exception>
    public TraceHeader(
        string root,
        string? parent,
        SamplingDecision sampled,
        IReadOnlyList<KeyValuePair<string, string>>? otherFields = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!XRayTraceId.TryRead(root, out _traceId))
        {
            throw new ArgumentException($"'{root}' is not an X-Ray trace id (1-{{8 hex}}-{{24 hex}}).", nameof(root));
        }

        if (parent is not null && !TryReadSpanId(parent, out _parentId))
        {
            throw new ArgumentException($"'{parent}' is not 16 lowercase hex digits.", nameof(parent));
        }

        if (!Enum.IsDefined(sampled))
        {
            throw new ArgumentOutOfRangeException(nameof(sampled), sampled, "Unknown sampling decision.");
        }

        foreach (var (key, value) in otherFields ?? [])
        {
            if (!IsOtherKey(key) || !IsOtherValue(value))
            {
                throw new ArgumentException($"'{key}={value}' cannot be written as a trace header field.", nameof(otherFields));
            }
        }

        Sampled = sampled;
        _otherFields = otherFields is null or []
            ? default
            : string.Join(FieldSeparator, otherFields.Select(f => $"{f.Key}{KeyValueSeparator}{f.Value}")).AsMemory();
    }

    private TraceHeader(UInt128 traceId, ulong parentId, SamplingDecision sampled, ReadOnlyMemory<char> otherFields)
    {
        _traceId = traceId;
        _parentId = parentId;
        Sampled = sampled;
        _otherFields = otherFields;
    }

    /// <summary>The X-Ray trace id, e.g. <c>1-5759e988-bd862e3fe1be46a994272793</c> (a new string on each read).</summary>
    public string Root => XRayTraceId.Format(_traceId);

    /// <summary>The parent segment id: 16 lowercase hex digits (a new string on each read), or null.</summary>
    public string? Parent => _parentId == 0 ? null : string.Create(SpanIdDigits, _parentId, static (chars, id) => LowerHex.Write(id, chars));

    public SamplingDecision Sampled { get; }

    /// <summary>The fields other than Root, Parent and Sampled, verbatim and in order (e.g. <c>Lineage</c>); a new list on each read.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> OtherFields => ReadOtherFields(_otherFields.Span) ?? [];

    /// <summary>
    /// Reads a header: fields separated by <c>;</c>, keys case-sensitive and in any order, whitespace around fields,
    /// keys and values ignored. Fails without a valid Root, with a malformed Parent or Sampled, with a repeated
    /// Root, Parent or Sampled, or with a non-empty field that has no key. Never throws. Allocates the header, plus
    /// one string for the other fields when there are any.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> value, [NotNullWhen(true)] out TraceHeader? header) =>
        TryParse(value, source: null, out header);

    /// <summary>
    /// As <see cref="TryParse(ReadOnlySpan{char}, out TraceHeader?)"/>; false for null. The other fields are kept as a
    /// slice of <paramref name="value"/> when they are written canonically (one after the other, no spaces), so a
    /// header as Lambda and SQS send it costs one allocation, the header.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out TraceHeader? header) =>
        TryParse(value, value, out header);

    /// <summary>The canonical form: <c>Root=…;Parent=…;Sampled=…</c>, then the other fields; absent fields omitted, no spaces.</summary>
    public override string ToString()
    {
        var length = RootKey.Length + 1 + XRayTraceId.Length;
        length += _parentId == 0 ? 0 : FieldLength(ParentKey, SpanIdDigits);
        length += Sampled == SamplingDecision.Unknown ? 0 : FieldLength(SampledKey, 1);
        length += _otherFields.IsEmpty ? 0 : 1 + _otherFields.Length;

        Span<char> initial = stackalloc char[StackChars];
        var buffer = length <= initial.Length ? initial[..length] : new char[length];
        var at = WriteKey(buffer, 0, RootKey);
        XRayTraceId.Write(_traceId, buffer[at..]);
        at += XRayTraceId.Length;
        if (_parentId != 0)
        {
            buffer[at++] = FieldSeparator;
            at = WriteKey(buffer, at, ParentKey);
            LowerHex.Write(_parentId, buffer[at..]);
            at += SpanIdDigits;
        }

        if (Sampled != SamplingDecision.Unknown)
        {
            buffer[at++] = FieldSeparator;
            at = WriteKey(buffer, at, SampledKey);
            buffer[at++] = Sampled switch
            {
                SamplingDecision.Sampled => '1',
                SamplingDecision.NotSampled => '0',
                _ => '?',
            };
        }

        if (!_otherFields.IsEmpty)
        {
            buffer[at++] = FieldSeparator;
            _otherFields.Span.CopyTo(buffer[at..]);
        }

        return new string(buffer);
    }

    /// <summary>
    /// The context a handler's activities start under: trace id from Root, span id from Parent, the Recorded flag
    /// only for <c>Sampled=1</c> (<c>?</c> asks for a decision by X-Ray sampling rules, which this code does not
    /// hold, so it is not recorded). No trace state: the other fields stay in this header (see
    /// <see cref="CarryOtherFieldsOn"/>). The default context when there is no Parent.
    /// </summary>
    public ActivityContext ToActivityContext()
    {
        if (_parentId == 0)
        {
            return default;
        }

        Span<char> parent = stackalloc char[SpanIdDigits];
        LowerHex.Write(_parentId, parent);
        var flags = Sampled == SamplingDecision.Sampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None;
        return new ActivityContext(
            XRayTraceId.ToActivityTraceId(_traceId), ActivitySpanId.CreateFromString(parent), flags, traceState: null, isRemote: true);
    }

    /// <summary>
    /// Lets <paramref name="activity"/> (started under <see cref="ToActivityContext"/>) and every activity under it
    /// forward this header's other fields, such as <c>Lineage</c>, through <see cref="FromActivity"/>. They are kept
    /// here, on the activity as a custom property, never in <see cref="Activity.TraceStateString"/>: .NET copies an
    /// activity's trace state into the W3C <c>tracestate</c> header of every HTTP request made under it, whose keys
    /// must be lowercase (https://www.w3.org/TR/trace-context/#key), and these fields are meant for AWS's
    /// <c>X-Amzn-Trace-Id</c> alone. Does nothing for null, or when the header has no other fields.
    /// </summary>
    public void CarryOtherFieldsOn(Activity? activity)
    {
        if (activity is not null && !_otherFields.IsEmpty)
        {
            activity.SetCustomProperty(CarriedHeaderProperty, this);
        }
    }

    /// <summary>
    /// The header to send downstream of <paramref name="activity"/>: Root from its trace id, Parent = its span id,
    /// Sampled from its Recorded flag, other fields from the nearest header of the same trace that
    /// <see cref="CarryOtherFieldsOn"/> left on it or an ancestor. Null for a non-W3C activity. The trace id is
    /// forwarded as it came, whatever its age: whether a trace is still current is X-Ray's to judge, not the sender's.
    /// </summary>
    public static TraceHeader? FromActivity(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.IdFormat != ActivityIdFormat.W3C || activity.TraceId == default)
        {
            return null;
        }

        Span<byte> spanId = stackalloc byte[sizeof(ulong)];
        activity.SpanId.CopyTo(spanId);
        var traceId = XRayTraceId.ToUInt128(activity.TraceId);
        var sampled = activity.Recorded ? SamplingDecision.Sampled : SamplingDecision.NotSampled;
        return new TraceHeader(traceId, BinaryPrimitives.ReadUInt64BigEndian(spanId), sampled, CarriedOtherFields(activity, traceId));
    }

    public bool Equals(TraceHeader? other) =>
        other is not null
        && _traceId == other._traceId
        && _parentId == other._parentId
        && Sampled == other.Sampled
        && _otherFields.Span.SequenceEqual(other._otherFields.Span);

    public override bool Equals(object? obj) => Equals(obj as TraceHeader);

    public override int GetHashCode() => HashCode.Combine(_traceId, _parentId, Sampled, string.GetHashCode(_otherFields.Span));

    /// <param name="value">The header text.</param>
    /// <param name="source">The string <paramref name="value"/> spans, whole, if there is one: the other fields are sliced from it.</param>
    /// <param name="header">The header read; null when the text is not one.</param>
    private static bool TryParse(ReadOnlySpan<char> value, string? source, [NotNullWhen(true)] out TraceHeader? header)
    {
        header = null;
        var rootSeen = false;
        var traceId = UInt128.Zero;
        ulong parentId = 0;
        var sampled = SamplingDecision.Unknown;

        // The other fields: where the first starts and the last ends, how many there are, and their length without
        // whitespace. The text from first to last is already canonical (k=v;k2=v2) when it is exactly as long as those
        // fields and the ';' between them: no known field, empty field or whitespace lies among them.
        int otherStart = 0, otherEnd = 0, otherCount = 0, otherLength = 0;
        foreach (var range in value.Split(FieldSeparator))
        {
            var field = value[range].Trim();
            if (field.IsEmpty)
            {
                continue;
            }

            var equals = field.IndexOf(KeyValueSeparator);
            if (equals <= 0)
            {
                return false;
            }

            var key = field[..equals].Trim();
            var item = field[(equals + 1)..].Trim();
            if (key.SequenceEqual(RootKey))
            {
                if (rootSeen || !XRayTraceId.TryRead(item, out traceId))
                {
                    return false;
                }

                rootSeen = true;
            }
            else if (key.SequenceEqual(ParentKey))
            {
                if (parentId != 0 || !TryReadSpanId(item, out parentId))
                {
                    return false;
                }
            }
            else if (key.SequenceEqual(SampledKey))
            {
                if (sampled != SamplingDecision.Unknown || !TryReadSampled(item, out sampled))
                {
                    return false;
                }
            }
            else if (IsOtherKey(key))
            {
                if (otherCount++ == 0)
                {
                    otherStart = range.Start.Value;
                }

                otherEnd = range.End.Value;
                otherLength += key.Length + 1 + item.Length;
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

        var canonical = otherLength + (otherCount - 1) == otherEnd - otherStart;
        var otherFields = otherCount == 0 ? default
            : !canonical ? CopyOtherFields(value).AsMemory()
            : source is null ? value[otherStart..otherEnd].ToString().AsMemory()
            : source.AsMemory(otherStart, otherEnd - otherStart);
        header = new TraceHeader(traceId, parentId, sampled, otherFields);
        return true;
    }

    /// <summary>Null when there are none.</summary>
    private static List<KeyValuePair<string, string>>? ReadOtherFields(ReadOnlySpan<char> value)
    {
        List<KeyValuePair<string, string>>? fields = null;
        foreach (var range in value.Split(FieldSeparator))
        {
            if (TryReadOtherField(value[range], out var key, out var item))
            {
                (fields ??= []).Add(new(key.ToString(), item.ToString()));
            }
        }

        return fields;
    }

    /// <summary>Copies the other fields of <paramref name="value"/> into one new string, written canonically.</summary>
    private static string CopyOtherFields(ReadOnlySpan<char> value)
    {
        char[]? rented = null;
        var buffer = value.Length <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(value.Length));
        try
        {
            var at = 0;
            foreach (var range in value.Split(FieldSeparator))
            {
                if (TryReadOtherField(value[range], out var key, out var item))
                {
                    if (at > 0)
                    {
                        buffer[at++] = FieldSeparator;
                    }

                    at = WriteKey(buffer, at, key);
                    item.CopyTo(buffer[at..]);
                    at += item.Length;
                }
            }

            return new string(buffer[..at]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static bool TryReadOtherField(ReadOnlySpan<char> raw, out ReadOnlySpan<char> key, out ReadOnlySpan<char> item)
    {
        var field = raw.Trim();
        var equals = field.IndexOf(KeyValueSeparator);
        key = equals <= 0 ? default : field[..equals].Trim();
        item = equals <= 0 ? default : field[(equals + 1)..].Trim();
        return equals > 0 && IsOtherKey(key);
    }

    private static bool IsOtherKey(ReadOnlySpan<char> key) =>
        !key.IsEmpty
        && !key.ContainsAny(FieldSeparator, KeyValueSeparator)
        && !HasOuterWhitespace(key)
        && !key.SequenceEqual(RootKey)
        && !key.SequenceEqual(ParentKey)
        && !key.SequenceEqual(SampledKey);

    private static bool IsOtherValue(ReadOnlySpan<char> value) => !value.Contains(FieldSeparator) && !HasOuterWhitespace(value);

    private static bool HasOuterWhitespace(ReadOnlySpan<char> value) =>
        !value.IsEmpty && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]));

    private static bool TryReadSpanId(ReadOnlySpan<char> value, out ulong id)
    {
        id = value.Length == SpanIdDigits && LowerHex.IsValid(value) ? LowerHex.ParseUInt64(value) : 0;
        return id != 0;
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

    // ";key=" and the value.
    private static int FieldLength(string key, int valueLength) => 1 + key.Length + 1 + valueLength;

    private static int WriteKey(Span<char> buffer, int at, ReadOnlySpan<char> key)
    {
        key.CopyTo(buffer[at..]);
        at += key.Length;
        buffer[at++] = KeyValueSeparator;
        return at;
    }

    private static ReadOnlyMemory<char> CarriedOtherFields(Activity activity, UInt128 traceId)
    {
        for (var current = activity; current is not null; current = current.Parent)
        {
            if (current.GetCustomProperty(CarriedHeaderProperty) is TraceHeader carried && carried._traceId == traceId)
            {
                return carried._otherFields;
            }
        }

        return default;
    }
}
