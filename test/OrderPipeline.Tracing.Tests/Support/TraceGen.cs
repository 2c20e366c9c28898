using System.Diagnostics;
using CsCheck;

namespace OrderPipeline.Tracing.Tests.Support;

/// <summary>CsCheck generators for X-Ray ids and trace headers.</summary>
internal static class TraceGen
{
    private const string KeyChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.";
    private const string ValueChars = "abcdefXYZ0123456789:|=-_.+/ ";

    public static readonly Gen<ActivityTraceId> TraceId =
        Gen.Byte.Array[16].Where(bytes => bytes.Any(b => b != 0)).Select(bytes => ActivityTraceId.CreateFromBytes(bytes));

    public static readonly Gen<string> SpanId =
        Gen.Byte.Array[8].Where(bytes => bytes.Any(b => b != 0)).Select(bytes => ActivitySpanId.CreateFromBytes(bytes).ToHexString());

    public static readonly Gen<KeyValuePair<string, string>> OtherField = Gen.Select(
        Gen.String[Gen.Char[KeyChars], 1, 12].Where(key => key is not ("Root" or "Parent" or "Sampled")),
        Gen.String[Gen.Char[ValueChars], 0, 24].Select(value => value.Trim()),
        (key, value) => new KeyValuePair<string, string>(key, value));

    public static readonly Gen<TraceHeader> Header = Gen.Select(
        TraceId,
        SpanId.Null(0.2),
        Gen.Enum<SamplingDecision>(),
        OtherField.Array[0, 4],
        (traceId, parent, sampled, otherFields) => new TraceHeader(XRayTraceId.Format(traceId), parent, sampled, otherFields));

    /// <summary>Strings made mostly of the characters a header holds, to reach deep into the parser.</summary>
    public static readonly Gen<string> HeaderLikeText =
        Gen.String[Gen.Char["Root=1-Parent;Sampled?0123456789abcdefLineage: \t|"], 0, 120];
}
