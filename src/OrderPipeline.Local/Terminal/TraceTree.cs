using System.Globalization;
using System.Text;
using System.Text.Json;
using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.Terminal;

/// <summary>Renders one trace as an indented tree: each segment with its duration, outcome and annotations.</summary>
internal static class TraceTree
{
    public static IEnumerable<string> Render(IReadOnlyList<StoredSegment> segments)
    {
        var ids = segments.Select(segment => segment.Id).ToHashSet(StringComparer.Ordinal);
        var children = segments
            .Where(segment => segment.ParentId is not null && ids.Contains(segment.ParentId))
            .ToLookup(segment => segment.ParentId!, StringComparer.Ordinal);
        var roots = segments.Where(segment => segment.ParentId is null || !ids.Contains(segment.ParentId));
        foreach (var root in roots.OrderBy(segment => segment.StartTime))
        {
            foreach (var line in Render(root, children, depth: 0))
            {
                yield return line;
            }
        }
    }

    private static IEnumerable<string> Render(StoredSegment segment, ILookup<string, StoredSegment> children, int depth)
    {
        var line = new StringBuilder()
            .Append(' ', depth * 2)
            .Append(depth == 0 ? "" : "└ ")
            .Append(segment.Name)
            .Append(CultureInfo.InvariantCulture, $"  {segment.DurationMs:0.0} ms")
            .Append(Outcome(segment.Document))
            .Append(Annotations(segment.Document));
        yield return line.ToString();
        foreach (var child in children[segment.Id].OrderBy(child => child.StartTime))
        {
            foreach (var childLine in Render(child, children, depth + 1))
            {
                yield return childLine;
            }
        }
    }

    private static string Outcome(JsonElement document) =>
        Flag(document, "fault") ? "  FAULT" : Flag(document, "throttle") ? "  THROTTLE" : Flag(document, "error") ? "  ERROR" : "";

    private static bool Flag(JsonElement document, string name) =>
        document.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static string Annotations(JsonElement document)
    {
        if (!document.TryGetProperty("annotations", out var annotations) || annotations.ValueKind != JsonValueKind.Object)
        {
            return "";
        }

        var pairs = annotations.EnumerateObject().Select(pair => $"{pair.Name}={pair.Value}");
        return "  [" + string.Join(", ", pairs) + "]";
    }
}
