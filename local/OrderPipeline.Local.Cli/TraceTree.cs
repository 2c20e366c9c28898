using System.Globalization;
using System.Text;
using System.Text.Json;
using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.Cli;

/// <summary>
/// Renders one trace as an indented tree: each segment with its origin or AWS operation, duration, HTTP status,
/// outcome and annotations.
/// </summary>
internal static class TraceTree
{
    /// <param name="segments">The trace's documents, in any order.</param>
    /// <param name="include">Leaves out the segments it refuses, with their subtrees; null keeps all.</param>
    public static IEnumerable<string> Render(IReadOnlyList<StoredSegment> segments, Func<StoredSegment, bool>? include = null)
    {
        if (include is not null)
        {
            var byId = segments.GroupBy(segment => segment.Id, StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
            segments = [.. segments.Where(segment => Included(segment, byId, include))];
        }

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

    private static bool Included(
        StoredSegment segment, Dictionary<string, StoredSegment> byId, Func<StoredSegment, bool> include)
    {
        for (var depth = 0; depth < byId.Count; depth++)
        {
            if (!include(segment))
            {
                return false;
            }

            if (segment.ParentId is not { } parentId || !byId.TryGetValue(parentId, out var parent))
            {
                return true;
            }

            segment = parent;
        }

        return true;
    }

    private static IEnumerable<string> Render(StoredSegment segment, ILookup<string, StoredSegment> children, int depth)
    {
        var line = new StringBuilder()
            .Append(' ', depth * 2)
            .Append(depth == 0 ? "" : "└ ")
            .Append(segment.Name)
            .Append(Qualifier(segment.Document))
            .Append(CultureInfo.InvariantCulture, $"  {segment.DurationMs:0.0} ms")
            .Append(Status(segment.Document))
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

    private static string Qualifier(JsonElement document) =>
        Text(document, "origin") is { } origin ? $" ({origin})"
        : document.TryGetProperty("aws", out var aws) && aws.ValueKind == JsonValueKind.Object && Text(aws, "operation") is { } operation
            ? " " + operation
            : "";

    private static string Status(JsonElement document) =>
        document.TryGetProperty("http", out var http) && http.ValueKind == JsonValueKind.Object
        && http.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object
        && response.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Number
            ? $"  HTTP {status.GetRawText()}"
            : "";

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

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
