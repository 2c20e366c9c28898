namespace OrderPipeline.Contracts.Json;

/// <summary>Exact facts about the text of a JSON number (RFC 8259 §6 grammar, already checked by the reader).</summary>
internal static class JsonNumberText
{
    private const long ExponentLimit = 1_000_000_000;

    /// <summary>
    /// How many decimal places the number needs when written without an exponent: "19.990" → 2, "1e-3" → 3,
    /// "1000e-4" → 1, "1.5e1" → 0, "0.000" → 0.
    /// </summary>
    public static long DecimalPlaces(ReadOnlySpan<byte> number)
    {
        var index = number.Length > 0 && number[0] == (byte)'-' ? 1 : 0;
        var fractionDigits = 0L;
        var trailingZeros = 0L;
        var inFraction = false;
        var anyNonZero = false;
        for (; index < number.Length; index++)
        {
            var current = number[index];
            if (current == (byte)'.')
            {
                inFraction = true;
                continue;
            }

            if (!char.IsAsciiDigit((char)current))
            {
                break;
            }

            fractionDigits += inFraction ? 1 : 0;
            trailingZeros = current == (byte)'0' ? trailingZeros + 1 : 0;
            anyNonZero |= current != (byte)'0';
        }

        if (!anyNonZero)
        {
            return 0;
        }

        // Digits end at the number's end or at its 'e'/'E'. The last significant digit stands at
        // 10^(exponent - fractionDigits + trailingZeros).
        var exponent = index < number.Length ? Exponent(number[(index + 1)..]) : 0;
        return Math.Max(fractionDigits - trailingZeros - exponent, 0);
    }

    private static long Exponent(ReadOnlySpan<byte> text)
    {
        var sign = 1L;
        if (text[0] is (byte)'-' or (byte)'+')
        {
            sign = text[0] == (byte)'-' ? -1 : 1;
            text = text[1..];
        }

        var magnitude = 0L;
        foreach (var digit in text)
        {
            magnitude = Math.Min(magnitude * 10 + (digit - '0'), ExponentLimit);
        }

        return sign * magnitude;
    }
}
