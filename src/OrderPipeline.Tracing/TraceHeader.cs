using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace OrderPipeline.Tracing;

/// <summary>
/// An X-Ray trace header (<c>X-Amzn-Trace-Id</c>, <c>Lambda-Runtime-Trace-Id</c>, the SQS <c>AWSTraceHeader</c>
/// attribute): <c>Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1</c> and any other
/// <c>key=value</c> parts (such as <c>Lineage</c>), which are kept verbatim and in order. Immutable, compared by value.
/// </summary>
public sealed class TraceHeader : IEquatable<TraceHeader>
{
    public const string HeaderName = "X-Amzn-Trace-Id";

    internal const string RootKey = "Root";
    internal const string ParentKey = "Parent";
    internal const string SampledKey = "Sampled";
    internal const char PartSeparator = ';';
    internal const char KeyValueSeparator = '=';

    private readonly KeyValuePair<string, string>[] _extras;
    private readonly ActivityTraceId _traceId;

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
        if (!XRayTraceId.TryParse(root, out _traceId))
        {
            throw new ArgumentException($"'{root}' is not an X-Ray trace id (1-{{8 hex}}-{{24 hex}}).", nameof(root));
        }

        if (parent is not null && !TraceHeaderParser.IsSpanId(parent))
        {
            throw new ArgumentException($"'{parent}' is not 16 lowercase hex digits.", nameof(parent));
        }

        if (!Enum.IsDefined(sampled))
        {
            throw new ArgumentOutOfRangeException(nameof(sampled), sampled, "Unknown sampling decision.");
        }

        _extras = extras is null ? [] : [.. extras];
        foreach (var (key, value) in _extras)
        {
            if (!TraceHeaderParser.IsExtraKey(key) || !TraceHeaderParser.IsExtraValue(value))
            {
                throw new ArgumentException($"'{key}={value}' cannot be written as a trace header part.", nameof(extras));
            }
        }

        Root = root;
        Parent = parent;
        Sampled = sampled;
    }

    /// <summary>The X-Ray trace id, e.g. <c>1-5759e988-bd862e3fe1be46a994272793</c>.</summary>
    public string Root { get; }

    /// <summary>The parent segment id: 16 lowercase hex digits, or null.</summary>
    public string? Parent { get; }

    public SamplingDecision Sampled { get; }

    /// <summary>The parts other than Root, Parent and Sampled, verbatim and in order (e.g. <c>Lineage</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Extras => _extras;

    /// <summary>
    /// Reads a header: parts separated by <c>;</c>, keys case-sensitive and in any order, whitespace around parts,
    /// keys and values ignored. Fails without a valid Root, with a malformed Parent or Sampled, with a repeated
    /// Root, Parent or Sampled, or with a non-empty part that has no key. Never throws.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> value, [NotNullWhen(true)] out TraceHeader? header) =>
        TraceHeaderParser.TryParse(value, out header);

    /// <summary>The canonical form: <c>Root=…;Parent=…;Sampled=…</c>, then the extras; absent parts omitted, no spaces.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(128).Append(RootKey).Append(KeyValueSeparator).Append(Root);
        if (Parent is not null)
        {
            builder.Append(PartSeparator).Append(ParentKey).Append(KeyValueSeparator).Append(Parent);
        }

        if (Sampled != SamplingDecision.Unknown)
        {
            builder.Append(PartSeparator).Append(SampledKey).Append(KeyValueSeparator).Append(SampledValue(Sampled));
        }

        foreach (var (key, value) in _extras)
        {
            builder.Append(PartSeparator).Append(key).Append(KeyValueSeparator).Append(value);
        }

        return builder.ToString();
    }

    /// <summary>
    /// The context a handler's activities start under: trace id from Root, span id from Parent, the Recorded flag
    /// only for <c>Sampled=1</c> (<c>?</c> asks for a decision by X-Ray sampling rules, which this code does not
    /// hold, so it is not recorded), trace state = the extras written <c>k=v;k2=v2</c> so that child activities
    /// carry them on. The default context when there is no Parent.
    /// </summary>
    public ActivityContext ToActivityContext()
    {
        if (Parent is null)
        {
            return default;
        }

        var flags = Sampled == SamplingDecision.Sampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None;
        return new ActivityContext(_traceId, ActivitySpanId.CreateFromString(Parent), flags, TraceState(), isRemote: true);
    }

    /// <summary>
    /// The header to send downstream of <paramref name="activity"/>: Root from its trace id, Parent = its span id,
    /// Sampled from its Recorded flag, extras from its trace state. Null for a non-W3C activity. The trace id is
    /// forwarded as it came, whatever its age: whether a trace is still current is X-Ray's to judge, not the sender's.
    /// </summary>
    public static TraceHeader? FromActivity(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.IdFormat != ActivityIdFormat.W3C || activity.TraceId == default)
        {
            return null;
        }

        var sampled = activity.Recorded ? SamplingDecision.Sampled : SamplingDecision.NotSampled;
        return new TraceHeader(
            XRayTraceId.Format(activity.TraceId),
            activity.SpanId.ToHexString(),
            sampled,
            TraceHeaderParser.ParseTraceState(activity.TraceStateString));
    }

    public bool Equals(TraceHeader? other) =>
        other is not null
        && Root == other.Root
        && Parent == other.Parent
        && Sampled == other.Sampled
        && _extras.AsSpan().SequenceEqual(other._extras);

    public override bool Equals(object? obj) => Equals(obj as TraceHeader);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Root);
        hash.Add(Parent);
        hash.Add(Sampled);
        foreach (var extra in _extras)
        {
            hash.Add(extra);
        }

        return hash.ToHashCode();
    }

    internal static char SampledValue(SamplingDecision sampled) => sampled switch
    {
        SamplingDecision.Sampled => '1',
        SamplingDecision.NotSampled => '0',
        _ => '?',
    };

    private string? TraceState() =>
        _extras.Length == 0 ? null : string.Join(PartSeparator, _extras.Select(e => $"{e.Key}{KeyValueSeparator}{e.Value}"));
}
