using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace OrderPipeline.Local.Lambda;

/// <summary>
/// The errors the Lambda service reports itself, and the reader of the error documents a runtime posts
/// (<c>{"errorMessage":"…","errorType":"…","stackTrace":[…]}</c>).
/// </summary>
internal static class LambdaErrors
{
    public const string TimeoutType = "Sandbox.Timedout";
    public const string ExitErrorType = "Runtime.ExitError";
    public const string InvalidEntrypointType = "Runtime.InvalidEntrypoint";

    /// <summary>The type Lambda reports for a posted error that names none.</summary>
    public const string UnhandledType = "Unhandled";

    private const string ErrorTypeField = "errorType";
    private const string ErrorMessageField = "errorMessage";

    public static InvocationError TimedOut(TimeSpan timeout) => Create(
        TimeoutType,
        string.Create(CultureInfo.InvariantCulture, $"Task timed out after {timeout.TotalSeconds:0.00} seconds"));

    public static InvocationError Exited(int exitCode) => Create(
        ExitErrorType,
        string.Create(CultureInfo.InvariantCulture, $"Runtime exited with error: exit status {exitCode}"));

    public static InvocationError InvalidEntrypoint(string detail) =>
        Create(InvalidEntrypointType, "The function's executable could not be started: " + detail);

    /// <summary>
    /// Reads a posted error document; never throws. The body's <c>errorType</c> wins over the
    /// <c>Lambda-Runtime-Function-Error-Type</c> header; a body that is not such a document is kept as it came. The
    /// <c>Lambda-Runtime-Function-XRay-Error-Cause</c> header is kept when it is a JSON object.
    /// </summary>
    public static InvocationError FromPost(string? errorTypeHeader, byte[] body, string? xrayCauseHeader = null)
    {
        string? errorType = null;
        string? errorMessage = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                errorType = StringField(document.RootElement, ErrorTypeField);
                errorMessage = StringField(document.RootElement, ErrorMessageField);
            }
        }
        catch (JsonException)
        {
            // Not JSON: the type comes from the header and the document is passed on unread.
        }

        var type = !string.IsNullOrEmpty(errorType) ? errorType
            : !string.IsNullOrEmpty(errorTypeHeader) ? errorTypeHeader
            : UnhandledType;
        return new InvocationError(type, errorMessage ?? string.Empty, body) { XRayCause = JsonObjectOrNull(xrayCauseHeader) };
    }

    private static string? JsonObjectOrNull(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object ? json : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? StringField(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static InvocationError Create(string errorType, string errorMessage)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(ErrorTypeField, errorType);
            writer.WriteString(ErrorMessageField, errorMessage);
            writer.WriteEndObject();
        }

        return new InvocationError(errorType, errorMessage, buffer.WrittenMemory.ToArray());
    }
}
