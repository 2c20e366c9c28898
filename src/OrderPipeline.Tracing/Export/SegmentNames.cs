namespace OrderPipeline.Tracing.Export;

/// <summary>Reduces activity names and tag keys to what X-Ray accepts.</summary>
internal static class SegmentNames
{
    public const int MaxNameLength = 200;
    public const string Unnamed = "unnamed";

    private const string AllowedSymbols = "_.:/%&#=+\\-@";

    /// <summary>At most 200 characters of letters, digits, whitespace and <c>_ . : / % &amp; # = + \ - @</c>; others become <c>_</c>.</summary>
    public static string Sanitize(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return Unnamed;
        }

        var source = name.AsSpan(0, Math.Min(name.Length, MaxNameLength));
        if (IsAllowed(source))
        {
            return source.Length == name.Length ? name : source.ToString();
        }

        return string.Create(source.Length, name, static (chars, original) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                var c = original[i];
                chars[i] = IsAllowed(c) ? c : '_';
            }
        });
    }

    /// <summary>An annotation key: letters A-Z, a-z, digits 0-9 and <c>_</c>; others become <c>_</c>.</summary>
    public static string AnnotationKey(string key)
    {
        if (!key.AsSpan().ContainsAnyExcept(AnnotationKeyChars.Allowed))
        {
            return key;
        }

        return string.Create(key.Length, key, static (chars, original) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = AnnotationKeyChars.Allowed.Contains(original[i]) ? original[i] : '_';
            }
        });
    }

    private static bool IsAllowed(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!IsAllowed(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAllowed(char c) =>
        char.IsLetterOrDigit(c) || char.IsWhiteSpace(c) || AllowedSymbols.Contains(c, StringComparison.Ordinal);
}
