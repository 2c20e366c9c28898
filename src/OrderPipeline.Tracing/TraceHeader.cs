using System.Buffers.Binary;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace OrderPipeline.Tracing;

/// <summary>
/// An X-Ray trace header (<c>X-Amzn-Trace-Id</c>, <c>Lambda-Runtime-Trace-Id</c>, the SQS <c>AWSTraceHeader</c>
/// attribute): <c>Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1</c> and any other
/// <c>key=value</c> parts (such as <c>Lineage</c>), which are kept verbatim and in order. Immutable, compared by value.
/// </summary>
/// <remarks>
/// Parsing is on every invocation's and every SQS record's path, so the header holds the ids as numbers and the
/// extras as one text (<c>k=v;k2=v2</c>, usually a slice of the parsed string): the header object is its only
/// allocation. <see cref="Root"/>, <see cref="Parent"/> and <see cref="Extras"/> are written when read.
/// </remarks>
public sealed class TraceHeader : IEquatable<TraceHeader>
{
    public const string HeaderName = "X-Amzn-Trace-Id";

    internal const string RootKey = "Root";
    internal const string ParentKey = "Parent";
    internal const string SampledKey = "Sampled";
    internal const char PartSeparator = ';';
    internal const char KeyValueSeparator = '=';

    private const int SpanIdDigits = 16;

    /// <summary>The <see cref="Activity.GetCustomProperty"/> key under which <see cref="CarryExtrasOn"/> leaves the header.</summary>
    private const string CarriedHeaderProperty = "OrderPipeline.Tracing.TraceHeader";

    private readonly UInt128 _traceId;
    private readonly ulong _parentId;
    private readonly ReadOnlyMemory<char> _extras;

    /// <exception cref="ArgumentException">
    /// <paramref name="root"/> is not <c>1-{8 hex}-{24 hex}</c>, <paramref name="parent"/> is not 16 lowercase hex,
    /// or an extra has a key that is empty, known or holds <c>;</c>, <c>=</c> or outer whitespace, or a value that
    /// holds <c>;</c> or outer whitespace.
    /// </exception>
    public TraceHeader(
        string root,
        string? parent,
        SamplingDecision sampled,
        IReadOnlyList<KeyValuePair<string, string>>? extras = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!XRayTraceId.TryRead(root, out _traceId))
        {
            throw new ArgumentException($"'{root}' is not an X-Ray trace id (1-{{8 hex}}-{{24 hex}}).", nameof(root));
        }

        if (parent is not null && !TraceHeaderParser.TryReadSpanId(parent, out _parentId))
        {
            throw new ArgumentException($"'{parent}' is not 16 lowercase hex digits.", nameof(parent));
        }

        if (!Enum.IsDefined(sampled))
        {
            throw new ArgumentOutOfRangeException(nameof(sampled), sampled, "Unknown sampling decision.");
        }

        foreach (var (key, value) in extras ?? [])
        {
            if (!TraceHeaderParser.IsExtraKey(key) || !TraceHeaderParser.IsExtraValue(value))
            {
                throw new ArgumentException($"'{key}={value}' cannot be written as a trace header part.", nameof(extras));
            }
        }

        Sampled = sampled;
        _extras = extras is null or [] ? default : string.Join(PartSeparator, extras.Select(e => $"{e.Key}{KeyValueSeparator}{e.Value}")).AsMemory();
    }

    /// <param name="traceId">The 32 hex digits of Root, nonzero.</param>
    /// <param name="parentId">The Parent's 16 hex digits; 0 for none.</param>
    /// <param name="sampled">The Sampled part.</param>
    /// <param name="extras">Valid extras written <c>k=v;k2=v2</c>, no whitespace around keys and values.</param>
    internal TraceHeader(UInt128 traceId, ulong parentId, SamplingDecision sampled, ReadOnlyMemory<char> extras)
    {
        _traceId = traceId;
        _parentId = parentId;
        Sampled = sampled;
        _extras = extras;
    }

    /// <summary>The X-Ray trace id, e.g. <c>1-5759e988-bd862e3fe1be46a994272793</c> (a new string on each read).</summary>
    public string Root => XRayTraceId.Format(_traceId);

    /// <summary>The parent segment id: 16 lowercase hex digits (a new string on each read), or null.</summary>
    public string? Parent => _parentId == 0 ? null : string.Create(SpanIdDigits, _parentId, static (chars, id) => LowerHex.Write(id, chars));

    public SamplingDecision Sampled { get; }

    /// <summary>The parts other than Root, Parent and Sampled, verbatim and in order (e.g. <c>Lineage</c>); a new list on each read.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Extras => TraceHeaderParser.ParseExtras(_extras.Span) ?? [];

    /// <summary>
    /// Reads a header: parts separated by <c>;</c>, keys case-sensitive and in any order, whitespace around parts,
    /// keys and values ignored. Fails without a valid Root, with a malformed Parent or Sampled, with a repeated
    /// Root, Parent or Sampled, or with a non-empty part that has no key. Never throws. Allocates the header, plus
    /// one string for the extras when there are any.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> value, [NotNullWhen(true)] out TraceHeader? header) =>
        TraceHeaderParser.TryParse(value, source: null, out header);

    /// <summary>
    /// As <see cref="TryParse(ReadOnlySpan{char}, out TraceHeader?)"/>; false for null. The extras are kept as a slice
    /// of <paramref name="value"/> when they are written canonically (one after the other, no spaces), so a header as
    /// Lambda and SQS send it costs one allocation, the header.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out TraceHeader? header) =>
        TraceHeaderParser.TryParse(value, value, out header);

    /// <summary>The canonical form: <c>Root=…;Parent=…;Sampled=…</c>, then the extras; absent parts omitted, no spaces.</summary>
    public override string ToString() => TraceHeaderFormat.Format(_traceId, _parentId, Sampled, _extras.Span);

    /// <summary>
    /// The context a handler's activities start under: trace id from Root, span id from Parent, the Recorded flag
    /// only for <c>Sampled=1</c> (<c>?</c> asks for a decision by X-Ray sampling rules, which this code does not
    /// hold, so it is not recorded). No trace state: the extras stay in this header (see <see cref="CarryExtrasOn"/>).
    /// The default context when there is no Parent.
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
    /// forward this header's extras, such as <c>Lineage</c>, through <see cref="FromActivity"/>. The extras are kept
    /// here, on the activity as a custom property, never in <see cref="Activity.TraceStateString"/>: .NET copies an
    /// activity's trace state into the W3C <c>tracestate</c> header of every HTTP request made under it, whose keys
    /// must be lowercase (https://www.w3.org/TR/trace-context/#key), and the extras are meant for AWS's
    /// <c>X-Amzn-Trace-Id</c> alone. Does nothing for null, or when the header has no extras.
    /// </summary>
    public void CarryExtrasOn(Activity? activity)
    {
        if (activity is not null && !_extras.IsEmpty)
        {
            activity.SetCustomProperty(CarriedHeaderProperty, this);
        }
    }

    /// <summary>
    /// The header to send downstream of <paramref name="activity"/>: Root from its trace id, Parent = its span id,
    /// Sampled from its Recorded flag, extras from the nearest header of the same trace that
    /// <see cref="CarryExtrasOn"/> left on it or an ancestor. Null for a non-W3C activity. The trace id is forwarded as
    /// it came, whatever its age: whether a trace is still current is X-Ray's to judge, not the sender's.
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
        return new TraceHeader(traceId, BinaryPrimitives.ReadUInt64BigEndian(spanId), sampled, CarriedExtras(activity, traceId));
    }

    public bool Equals(TraceHeader? other) =>
        other is not null
        && _traceId == other._traceId
        && _parentId == other._parentId
        && Sampled == other.Sampled
        && _extras.Span.SequenceEqual(other._extras.Span);

    public override bool Equals(object? obj) => Equals(obj as TraceHeader);

    public override int GetHashCode() => HashCode.Combine(_traceId, _parentId, Sampled, string.GetHashCode(_extras.Span));

    private static ReadOnlyMemory<char> CarriedExtras(Activity activity, UInt128 traceId)
    {
        for (var current = activity; current is not null; current = current.Parent)
        {
            if (current.GetCustomProperty(CarriedHeaderProperty) is TraceHeader carried && carried._traceId == traceId)
            {
                return carried._extras;
            }
        }

        return default;
    }

    internal static char SampledValue(SamplingDecision sampled) => sampled switch
    {
        SamplingDecision.Sampled => '1',
        SamplingDecision.NotSampled => '0',
        _ => '?',
    };
}
