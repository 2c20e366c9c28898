using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace OrderPipeline.Local.XRay;

/// <summary>
/// Builds the segment documents that the local stack emits itself (API Gateway, the Lambda service) and adds them to
/// the <see cref="TraceStore"/>, as the daemon does with what it receives.
/// </summary>
internal static class SegmentDocuments
{
    /// <summary>A new segment id: 16 lower-case hex digits.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>X-Ray's time: seconds since the epoch, with microseconds.</summary>
    public static double Epoch(DateTimeOffset time) =>
        Math.Round((time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)TimeSpan.TicksPerSecond, 6);

    /// <summary>Writes one document (the object's fields only) and stores it.</summary>
    /// <exception cref="InvalidOperationException">The fields lack what X-Ray requires of a document.</exception>
    public static StoredSegment Add(TraceStore store, Action<Utf8JsonWriter> writeFields)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(writeFields);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeFields(writer);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        if (!StoredSegment.TryRead(document.RootElement.Clone(), out var segment))
        {
            throw new InvalidOperationException("The segment document is missing a required field.");
        }

        store.Add(segment!);
        return segment!;
    }
}
