using System.Globalization;

namespace OrderPipeline.Contracts.Json;

/// <summary>Builds RFC 6901 JSON Pointers, escaping <c>~</c> as <c>~0</c> and <c>/</c> as <c>~1</c> in names.</summary>
internal static class JsonPointer
{
    public static string Append(string pointer, string name) =>
        string.Concat(pointer, "/", name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));

    public static string Append(string pointer, int index) =>
        string.Concat(pointer, "/", index.ToString(CultureInfo.InvariantCulture));
}
