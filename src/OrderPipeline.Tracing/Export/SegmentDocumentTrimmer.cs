using System.Buffers;
using System.Text.Json;

namespace OrderPipeline.Tracing.Export;

/// <summary>
/// Rewrites a segment document smaller, for the daemon's datagram limit: first without <c>metadata</c>, then also
/// without the exception stacks in <c>cause</c>. Everything else is copied as it was.
/// </summary>
internal static class SegmentDocumentTrimmer
{
    private const int TopLevelDepth = 1;
    private const int ExceptionFieldDepth = 4;

    private static ReadOnlySpan<byte> MetadataName => "metadata"u8;

    private static ReadOnlySpan<byte> StackName => "stack"u8;

    private static ReadOnlySpan<byte> TruncatedName => "truncated"u8;

    /// <summary>Copies <paramref name="document"/> into <paramref name="output"/> without the parts the level drops.</summary>
    /// <exception cref="JsonException">The document is not valid JSON.</exception>
    public static void Trim(ReadOnlySpan<byte> document, SegmentTrimLevel level, IBufferWriter<byte> output)
    {
        var reader = new Utf8JsonReader(document);
        using var writer = new Utf8JsonWriter(output, SegmentDocumentWriter.JsonOptions);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && IsDropped(ref reader, level))
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            Copy(ref reader, writer);
        }
    }

    private static bool IsDropped(ref Utf8JsonReader reader, SegmentTrimLevel level) =>
        (reader.CurrentDepth == TopLevelDepth && reader.ValueTextEquals(MetadataName))
        || (level == SegmentTrimLevel.WithoutStacks
            && reader.CurrentDepth == ExceptionFieldDepth
            && (reader.ValueTextEquals(StackName) || reader.ValueTextEquals(TruncatedName)));

    private static void Copy(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject: writer.WriteStartObject(); break;
            case JsonTokenType.EndObject: writer.WriteEndObject(); break;
            case JsonTokenType.StartArray: writer.WriteStartArray(); break;
            case JsonTokenType.EndArray: writer.WriteEndArray(); break;
            case JsonTokenType.PropertyName: writer.WritePropertyName(reader.GetString()!); break;
            case JsonTokenType.String: writer.WriteStringValue(reader.GetString()); break;
            case JsonTokenType.True: writer.WriteBooleanValue(true); break;
            case JsonTokenType.False: writer.WriteBooleanValue(false); break;
            case JsonTokenType.Null: writer.WriteNullValue(); break;
            default: writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true); break;
        }
    }
}

/// <summary>How much of a segment document <see cref="SegmentDocumentTrimmer"/> drops.</summary>
internal enum SegmentTrimLevel
{
    WithoutMetadata,
    WithoutStacks,
}
