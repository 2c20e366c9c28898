using System.Text.Json;
using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.Cli.Demo;

/// <summary>
/// Picks, in a consumer trace (one invocation for a whole batch), the part that handled one upstream request. The
/// per-record subsegments are those whose name some subsegment shares with one that names an upstream trace id in an
/// annotation (as the consumer's <c>ProcessOrder</c> does); of those, only the ones naming this upstream trace stay.
/// Everything else (the function's segments, its initialisation) stays, and a trace whose subsegments name no upstream
/// trace is shown whole.
/// </summary>
internal static class ConsumerPart
{
    public static Func<StoredSegment, bool> For(string upstreamTraceId, IReadOnlyList<StoredSegment> trace)
    {
        var recordNames = trace.Where(NamesAnyTrace).Select(segment => segment.Name).ToHashSet(StringComparer.Ordinal);
        return segment => segment.Type != "subsegment"
            || !recordNames.Contains(segment.Name)
            || Annotations(segment).Contains(upstreamTraceId, StringComparer.Ordinal);
    }

    private static bool NamesAnyTrace(StoredSegment segment) =>
        segment.Type == "subsegment" && Annotations(segment).Any(value => value.StartsWith("1-", StringComparison.Ordinal));

    private static IEnumerable<string> Annotations(StoredSegment segment) =>
        segment.Document.TryGetProperty("annotations", out var annotations) && annotations.ValueKind == JsonValueKind.Object
            ? annotations.EnumerateObject()
                .Where(pair => pair.Value.ValueKind == JsonValueKind.String)
                .Select(pair => pair.Value.GetString()!)
            : [];
}
