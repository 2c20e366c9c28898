namespace OrderPipeline.Tracing;

/// <summary>The lowercase hexadecimal digits X-Ray and W3C ids are written in.</summary>
internal static class LowerHex
{
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
}
