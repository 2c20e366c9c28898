using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using OrderPipeline.Contracts.Validation;

namespace OrderPipeline.Contracts.Json;

/// <summary>
/// Turns a document's bytes into a <see cref="JsonDocument"/>, or into one error for the whole body.
/// JsonDocument rather than Utf8JsonReader: the tree lets each field be checked on its own, so every broken rule is
/// reported without a hand-written state machine, and its pooled buffers cost little for bodies of at most 64 KiB.
/// </summary>
internal static class JsonBody
{
    public const string WholeBody = "";

    private static readonly SearchValues<byte> JsonWhitespace = SearchValues.Create(" \t\r\n"u8);

    /// <summary>Returns the parsed document, which the caller disposes, or null after adding the error. Never throws.</summary>
    public static JsonDocument? TryParse(ReadOnlyMemory<byte> utf8Json, List<ValidationError> errors)
    {
        var span = utf8Json.Span;
        if (!span.ContainsAnyExcept(JsonWhitespace))
        {
            errors.Add(new ValidationError(WholeBody, ValidationMessages.BodyEmpty));
            return null;
        }

        // JsonDocument leaves string contents unchecked and GetString would throw on them later: check the bytes first.
        if (!Utf8.IsValid(span))
        {
            errors.Add(new ValidationError(WholeBody, ValidationMessages.BodyNotUtf8(FirstInvalidUtf8Byte(span) + 1)));
            return null;
        }

        try
        {
            return JsonDocument.Parse(utf8Json);
        }
        catch (JsonException exception)
        {
            // The exception's message names reader options and internals; only its position goes to the client.
            var line = (exception.LineNumber ?? 0) + 1;
            var byteInLine = (exception.BytePositionInLine ?? 0) + 1;
            errors.Add(new ValidationError(WholeBody, ValidationMessages.BodyNotJson(line, byteInLine)));
            return null;
        }
    }

    private static int FirstInvalidUtf8Byte(ReadOnlySpan<byte> utf8)
    {
        var offset = 0;
        while (Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }

        return offset;
    }
}
