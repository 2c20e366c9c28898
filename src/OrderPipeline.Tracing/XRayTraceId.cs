using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;

namespace OrderPipeline.Tracing;

/// <summary>
/// Converts between X-Ray trace ids (<c>1-{8 hex epoch seconds}-{24 hex}</c>) and <see cref="ActivityTraceId"/>
/// (32 hex). The 32 hex digits are the same in both, so the mapping is lossless both ways.
/// </summary>
public static class XRayTraceId
{
    /// <summary>The length of <c>1-5759e988-bd862e3fe1be46a994272793</c>.</summary>
    internal const int Length = 35;

    private const char Version = '1';
    private const int EpochDigits = 8;
    private const int RandomDigits = 24;

    public static string Format(ActivityTraceId id)
    {
        var hex = id.ToHexString();
        return string.Concat("1-", hex.AsSpan(0, EpochDigits), "-", hex.AsSpan(EpochDigits));
    }

    /// <summary>
    /// Reads <c>1-{8 lowercase hex}-{24 lowercase hex}</c> exactly (no whitespace; the all-zero id is invalid,
    /// as it is for <see cref="ActivityTraceId"/>). Never throws.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> root, out ActivityTraceId id)
    {
        id = default;
        if (root.Length != Length || root[0] != Version || root[1] != '-' || root[2 + EpochDigits] != '-')
        {
            return false;
        }

        Span<char> hex = stackalloc char[EpochDigits + RandomDigits];
        root.Slice(2, EpochDigits).CopyTo(hex);
        root.Slice(3 + EpochDigits, RandomDigits).CopyTo(hex[EpochDigits..]);
        if (!LowerHex.IsValid(hex) || !hex.ContainsAnyExcept('0'))
        {
            return false;
        }

        id = ActivityTraceId.CreateFromString(hex);
        return true;
    }

    /// <summary>A new id whose first 8 hex digits are the clock's Unix epoch seconds; the other 24 are random.</summary>
    public static ActivityTraceId New(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)time.GetUtcNow().ToUnixTimeSeconds());
        RandomNumberGenerator.Fill(bytes[4..]);
        return ActivityTraceId.CreateFromBytes(bytes);
    }

    /// <summary>The Unix epoch seconds held in the first 8 hex digits of the id.</summary>
    internal static long EpochSeconds(ActivityTraceId id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.CopyTo(bytes);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }
}
