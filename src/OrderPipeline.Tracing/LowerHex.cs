using System.Globalization;

namespace OrderPipeline.Tracing;

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
