using System.Globalization;
using System.Text.Json;

namespace OrderPipeline.Contracts.Json;

/// <summary>The message's timestamp form: UTC, ISO 8601 with milliseconds and "Z", e.g. 2026-11-26T05:13:57.123Z.</summary>
public static class UtcTimestamp
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private const int Length = 24;

    /// <summary>The instant in UTC, cut to whole milliseconds: exactly what survives a write and a read.</summary>
    public static DateTimeOffset ToWirePrecision(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    /// <summary>The instant in the <see cref="Format"/> form.</summary>
    public static string ToText(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static void Write(Utf8JsonWriter writer, JsonEncodedText name, DateTimeOffset value)
    {
        Span<byte> utf8 = stackalloc byte[Length];
        value.UtcDateTime.TryFormat(utf8, out var written, Format, CultureInfo.InvariantCulture);
        writer.WriteString(name, utf8[..written]);
    }

    /// <summary>Accepts exactly the <see cref="Format"/> form. Never throws.</summary>
    public static bool TryParse(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
}
