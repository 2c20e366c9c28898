using System.Buffers;
using System.Text.Json;

namespace OrderPipeline.Local.XRay;

/// <summary>
/// The segments the Lambda service emits around what a function sends: the function segment (its id is the Parent of
/// the invocation's trace header) and, on a cold start, an <c>Initialization</c> subsegment.
/// </summary>
internal static class LambdaSegments
{
    public static void Record(
        TraceStore store,
        string traceId,
        string segmentId,
        string functionName,
        DateTimeOffset start,
        TimeSpan duration,
        TimeSpan? initDuration,
        bool fault)
    {
        var invocationStart = initDuration is { } init ? start + init : start;
        Add(store, writer =>
        {
            writer.WriteString("name", functionName);
            writer.WriteString("id", segmentId);
            writer.WriteString("trace_id", traceId);
            writer.WriteString("origin", "AWS::Lambda::Function");
            writer.WriteNumber("start_time", Epoch(start));
            writer.WriteNumber("end_time", Epoch(invocationStart + duration));
            if (fault)
            {
                writer.WriteBoolean("fault", true);
            }
        });
        if (initDuration is { } initialization)
        {
            Add(store, writer =>
            {
                writer.WriteString("name", "Initialization");
                writer.WriteString("id", Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)));
                writer.WriteString("trace_id", traceId);
                writer.WriteString("parent_id", segmentId);
                writer.WriteString("type", "subsegment");
                writer.WriteNumber("start_time", Epoch(start));
                writer.WriteNumber("end_time", Epoch(start + initialization));
            });
        }
    }

    private static double Epoch(DateTimeOffset time) =>
        Math.Round(time.ToUnixTimeMilliseconds() / 1000.0 + (time.Ticks % TimeSpan.TicksPerMillisecond) / 1e7, 6);

    private static void Add(TraceStore store, Action<Utf8JsonWriter> writeFields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeFields(writer);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        if (StoredSegment.TryRead(document.RootElement.Clone(), out var segment))
        {
            store.Add(segment!);
        }
        else
        {
            throw new InvalidOperationException("The Lambda segment document is missing a required field.");
        }
    }
}
