using System.Buffers;
using System.Text.Json;
using OrderPipeline.Lambda.Logging;

namespace OrderPipeline.Lambda.Hosting;

/// <summary>
/// The body of <c>/runtime/invocation/{id}/error</c> and <c>/runtime/init/error</c>:
/// <c>{"errorMessage":"…","errorType":"…","stackTrace":["…"]}</c>.
/// </summary>
internal static class ErrorDocument
{
    /// <summary>The error type of an event that could not be read as the handler's input.</summary>
    public const string UnmarshalErrorType = "Runtime.UnmarshalError";

    public static byte[] Create(string errorType, Exception exception)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, ExceptionFields.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString(ExceptionFields.ErrorMessage, exception.Message);
            writer.WriteString(ExceptionFields.ErrorType, errorType);
            ExceptionFields.WriteStackTrace(writer, exception);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
