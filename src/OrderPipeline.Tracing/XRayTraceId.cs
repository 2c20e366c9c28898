using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
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

    public static string Format(ActivityTraceId id) =>
        string.Create(Length, id, static (chars, traceId) => Write(traceId.ToHexString(), chars));

    /// <summary>
    /// Reads <c>1-{8 lowercase hex}-{24 lowercase hex}</c> exactly (no whitespace; the all-zero id is invalid,
    /// as it is for <see cref="ActivityTraceId"/>). Never throws.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> root, out ActivityTraceId id)
    {
        id = TryRead(root, out var value) ? ToActivityTraceId(value) : default;
        return id != default;
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

    /// <summary>As <see cref="TryParse(ReadOnlySpan{char}, out ActivityTraceId)"/>, into the 128-bit value the 32 hex digits spell.</summary>
    internal static bool TryRead(ReadOnlySpan<char> root, out UInt128 id)
    {
        id = default;
        if (root.Length != Length || root[0] != Version || root[1] != '-' || root[2 + EpochDigits] != '-')
        {
            return false;
        }

        var epoch = root.Slice(2, EpochDigits);
        var random = root.Slice(3 + EpochDigits, RandomDigits);
        if (!LowerHex.IsValid(epoch) || !LowerHex.IsValid(random))
        {
            return false;
        }

        id = (LowerHex.ParseUInt128(epoch) << (4 * RandomDigits)) | LowerHex.ParseUInt128(random);
        return id != UInt128.Zero;
    }

    /// <summary>The X-Ray form of a 128-bit id, e.g. <c>1-5759e988-bd862e3fe1be46a994272793</c>.</summary>
    internal static string Format(UInt128 id) =>
        string.Create(Length, id, static (chars, value) => Write(value, chars));

    /// <summary>Writes the 35 characters of the X-Ray form of <paramref name="id"/>.</summary>
    internal static void Write(UInt128 id, Span<char> destination)
    {
        Span<char> hex = stackalloc char[EpochDigits + RandomDigits];
        LowerHex.Write(id, hex);
        Write(hex, destination);
    }

    /// <summary>Writes the 35 characters of the X-Ray form of the 32 hex digits <paramref name="hex"/>.</summary>
    internal static void Write(ReadOnlySpan<char> hex, Span<char> destination)
    {
        destination[0] = Version;
        destination[1] = '-';
        hex[..EpochDigits].CopyTo(destination[2..]);
        destination[2 + EpochDigits] = '-';
        hex[EpochDigits..].CopyTo(destination[(3 + EpochDigits)..]);
    }

    internal static ActivityTraceId ToActivityTraceId(UInt128 id)
    {
        Span<char> hex = stackalloc char[EpochDigits + RandomDigits];
        LowerHex.Write(id, hex);
        return ActivityTraceId.CreateFromString(hex);
    }

    internal static UInt128 ToUInt128(ActivityTraceId id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.CopyTo(bytes);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    /// <summary>The Unix epoch seconds held in the first 8 hex digits of the id.</summary>
    internal static long EpochSeconds(ActivityTraceId id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.CopyTo(bytes);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }
}

/// <summary>The lowercase hexadecimal digits X-Ray and W3C ids are written in.</summary>
internal static class LowerHex
{
    private const string UInt64Format = "x16";
    private const string UInt128Format = "x32";

    public static bool IsValid(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads digits already checked by <see cref="IsValid"/> (at most 16 of them).</summary>
    public static ulong ParseUInt64(ReadOnlySpan<char> digits) =>
        ulong.Parse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    /// <summary>Reads digits already checked by <see cref="IsValid"/> (at most 32 of them).</summary>
    public static UInt128 ParseUInt128(ReadOnlySpan<char> digits) =>
        UInt128.Parse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    /// <summary>Writes the 16 digits of <paramref name="value"/> at the start of <paramref name="destination"/>.</summary>
    public static void Write(ulong value, Span<char> destination) =>
        value.TryFormat(destination, out _, UInt64Format, CultureInfo.InvariantCulture);

    /// <summary>Writes the 32 digits of <paramref name="value"/> at the start of <paramref name="destination"/>.</summary>
    public static void Write(UInt128 value, Span<char> destination) =>
        value.TryFormat(destination, out _, UInt128Format, CultureInfo.InvariantCulture);
}
