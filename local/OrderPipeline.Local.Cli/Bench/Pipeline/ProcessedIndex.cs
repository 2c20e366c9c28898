using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.Cli.Bench.Pipeline;

/// <summary>
/// When each upstream trace was processed: the end of the first successful invocation whose Lambda service segment
/// (<c>AWS::Lambda</c>, written by the local Lambda service when the invocation's outcome came back) links to it. For
/// a queue-triggered function that is when the batch holding the trace's message finished.
/// </summary>
internal static class ProcessedIndex
{
    /// <summary>Upstream trace id → end of the linking invocation, in Unix epoch seconds.</summary>
    public static Dictionary<string, double> Build(TraceStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var processed = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var traceId in store.TraceIds())
        {
            foreach (var segment in store.Trace(traceId))
            {
                if (!IsSuccessfulServiceSegment(segment))
                {
                    continue;
                }

                foreach (var upstream in TraceLinks.LinkedTraceIds(segment))
                {
                    if (!processed.TryGetValue(upstream, out var end) || segment.EndTime < end)
                    {
                        processed[upstream] = segment.EndTime;
                    }
                }
            }
        }

        return processed;
    }

    private static bool IsSuccessfulServiceSegment(StoredSegment segment) =>
        segment.Document.TryGetProperty("origin", out var origin)
        && origin.ValueKind == System.Text.Json.JsonValueKind.String
        && origin.GetString() == LambdaSegments.ServiceOrigin
        && !segment.Document.TryGetProperty("fault", out _);
}
