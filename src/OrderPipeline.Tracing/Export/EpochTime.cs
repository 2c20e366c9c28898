using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace OrderPipeline.Tracing.Export;

/// <summary>Writes a time as Unix epoch seconds with exactly six decimals (microseconds), e.g. <c>1764134037.123456</c>.</summary>
internal static class EpochTime
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;
    private const long MicrosecondsPerSecond = 1_000_000;

    public static void Write(Utf8JsonWriter writer, JsonEncodedText name, DateTime utc)
    {
        var microseconds = (utc.Ticks - DateTime.UnixEpoch.Ticks) / TicksPerMicrosecond;
        Span<byte> text = stackalloc byte[32];
        Utf8Formatter.TryFormat(microseconds / MicrosecondsPerSecond, text, out var written);
        text[written++] = (byte)'.';
        Utf8Formatter.TryFormat(microseconds % MicrosecondsPerSecond, text[written..], out var fraction, new StandardFormat('D', 6));
        writer.WritePropertyName(name);
        writer.WriteRawValue(text[..(written + fraction)], skipInputValidation: true);
    }
}
