using System.Text.Json;

namespace OrderPipeline.Local.XRay;

/// <summary>
/// Which traces link to which: the Lambda service segments (<c>AWS::Lambda</c>) of queue-triggered invocations name
/// the upstream traces of their records in <c>links</c>.
/// </summary>
internal static class TraceLinks
{
    /// <summary>Upstream trace id → the traces whose Lambda service segment links to it.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Index(TraceStore store)
    {
        var index = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var traceId in store.TraceIds())
        {
            foreach (var segment in store.Trace(traceId))
            {
                foreach (var upstream in LinkedTraceIds(segment))
                {
                    if (!index.TryGetValue(upstream, out var downstream))
                    {
                        downstream = [];
                        index.Add(upstream, downstream);
                    }

                    if (!downstream.Contains(traceId))
                    {
                        downstream.Add(traceId);
                    }
                }
            }
        }

        return index.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<string>)pair.Value, StringComparer.Ordinal);
    }

    public static IEnumerable<string> LinkedTraceIds(StoredSegment segment)
    {
        if (!segment.Document.TryGetProperty("links", out var links) || links.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var link in links.EnumerateArray())
        {
            if (link.ValueKind == JsonValueKind.Object
                && link.TryGetProperty("trace_id", out var traceId)
                && traceId.ValueKind == JsonValueKind.String)
            {
                yield return traceId.GetString()!;
            }
        }
    }
}

/// <summary>A link from a segment to a segment of another trace (for SQS: the producer's, from <c>AWSTraceHeader</c>).</summary>
/// <param name="TraceId">The linked trace, <c>1-…-…</c>.</param>
/// <param name="SegmentId">The linked segment (the header's <c>Parent</c>).</param>
internal sealed record TraceLink(string TraceId, string SegmentId);
