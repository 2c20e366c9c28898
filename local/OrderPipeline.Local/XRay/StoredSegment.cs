using System.Text.Json;

namespace OrderPipeline.Local.XRay;

/// <summary>One segment or subsegment document received by the daemon, with the fields the views and queries use.</summary>
internal sealed record StoredSegment(
    string TraceId,
    string Id,
    string? ParentId,
    string Name,
    string Type,
    double StartTime,
    double EndTime,
    JsonElement Document)
{
    private const string SubsegmentType = "subsegment";

    public double DurationMs => Math.Max(0, EndTime - StartTime) * 1000;

    /// <summary>Reads the identifying fields; false for a document X-Ray would refuse (no trace_id, id, name or start_time).</summary>
    public static bool TryRead(JsonElement document, out StoredSegment? segment)
    {
        segment = null;
        if (document.ValueKind != JsonValueKind.Object
            || String(document, "trace_id") is not { } traceId
            || String(document, "id") is not { } id
            || String(document, "name") is not { } name
            || Number(document, "start_time") is not { } start)
        {
            return false;
        }

        var type = String(document, "type") ?? "segment";
        var parentId = String(document, "parent_id");
        if (type == SubsegmentType && parentId is null)
        {
            return false;
        }

        segment = new StoredSegment(traceId, id, parentId, name, type, start, Number(document, "end_time") ?? start, document);
        return true;
    }

    /// <summary>A string field as text, or null when absent, not a string, or not text.</summary>
    internal static string? String(JsonElement document, string name) =>
        document.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? Text(value) : null;

    /// <summary>A JSON string as text; null for one that is not text.</summary>
    internal static string? Text(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate (e.g. "\ud800") is valid JSON but not text: the field counts as absent.
            return null;
        }
    }

    /// <summary>A finite number, or null: a time such as <c>1e400</c> (infinite as a double) counts as absent.</summary>
    internal static double? Number(JsonElement document, string name) =>
        document.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
        && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : null;
}
