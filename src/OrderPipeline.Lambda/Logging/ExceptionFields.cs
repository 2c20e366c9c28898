using System.Text.Encodings.Web;
using System.Text.Json;

namespace OrderPipeline.Lambda.Logging;

/// <summary>
/// The error fields shared by a JSON log line and a Runtime API error document: <c>errorType</c>,
/// <c>errorMessage</c> and a bounded <c>stackTrace</c> array that follows the inner-exception chain.
/// </summary>
internal static class ExceptionFields
{
    /// <summary>Frames written at most, inner-exception markers included.</summary>
    public const int MaxStackFrames = 50;

    /// <summary>
    /// The writer options of both documents. They are read by people, CloudWatch and Lambda, never embedded in HTML,
    /// so non-ASCII text and characters such as ' + &lt; stay as they are instead of becoming \u escapes.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonEncodedText ErrorType = JsonEncodedText.Encode("errorType");
    public static readonly JsonEncodedText ErrorMessage = JsonEncodedText.Encode("errorMessage");
    public static readonly JsonEncodedText StackTrace = JsonEncodedText.Encode("stackTrace");

    public static string TypeName(Exception exception) => exception.GetType().Name;

    public static void WriteStackTrace(Utf8JsonWriter writer, Exception exception)
    {
        writer.WriteStartArray(StackTrace);
        var written = 0;
        for (var current = exception; current is not null && written < MaxStackFrames; current = current.InnerException)
        {
            if (!ReferenceEquals(current, exception))
            {
                writer.WriteStringValue($"---> {TypeName(current)}: {current.Message}");
                written++;
            }

            foreach (var line in (current.StackTrace ?? string.Empty).AsSpan().EnumerateLines())
            {
                var frame = line.Trim();
                if (frame.IsEmpty)
                {
                    continue;
                }

                if (written == MaxStackFrames)
                {
                    break;
                }

                writer.WriteStringValue(frame);
                written++;
            }
        }

        writer.WriteEndArray();
    }
}
