using System.Text.Json;
using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.Cli.Trial;

/// <summary>
/// Why a message's deliveries failed, from two sources: the event source mapping's batch outcomes, which name the
/// error of a whole failed batch (a killed instance's <c>Runtime.ExitError</c>, a time-out); and, for a record the
/// consumer listed in <c>batchItemFailures</c>, the consumer's <c>ProcessOrder</c> subsegment in that batch's trace
/// (the record's <c>message_id</c> in its metadata), whose <c>cause</c> holds the exception; a listed record with no
/// such subsegment in a recorded batch trace was handed back unprocessed, or was past the trace's budget of records.
/// </summary>
internal static class FailureReasons
{
    private const string ProcessOrder = "ProcessOrder";
    private const string MessageIdKey = "message_id";

    /// <summary>One reason per failed delivery of <paramref name="messageId"/> that can be explained, in delivery order.</summary>
    public static IReadOnlyList<string> For(string messageId, IEnumerable<FailedDelivery> failures, TraceStore traces)
    {
        ArgumentNullException.ThrowIfNull(failures);
        ArgumentNullException.ThrowIfNull(traces);
        var reasons = new List<string>();
        foreach (var failure in failures.Where(failure => failure.MessageId == messageId))
        {
            var trace = traces.Trace(failure.TraceId);
            var reason = failure.BatchReason is { } batch
                ? $"the whole batch failed: {batch} (trace {failure.TraceId})"
                : RecordCause(trace, messageId) is { } cause
                    ? $"the record failed: {cause} (trace {failure.TraceId})"
                    : trace.Count > 0 && !trace.Any(segment => segment.Name == ProcessOrder && NamesMessage(segment.Document, messageId))
                        ? $"the record was handed back unprocessed: the batch's trace has no ProcessOrder for it (the invocation neared its deadline, the record's upstream was not sampled, or the batch's recorded records had reached the trace's budget) (trace {failure.TraceId})"
                        : null;
            if (reason is not null)
            {
                reasons.Add(reason);
            }
        }

        return reasons;
    }

    private static string? RecordCause(IReadOnlyList<StoredSegment> trace, string messageId)
    {
        foreach (var segment in trace.Where(segment => segment.Name == ProcessOrder && NamesMessage(segment.Document, messageId)))
        {
            var document = segment.Document;
            if (document.TryGetProperty("cause", out var cause) && cause.ValueKind == JsonValueKind.Object
                && cause.TryGetProperty("exceptions", out var exceptions) && exceptions.ValueKind == JsonValueKind.Array
                && exceptions.GetArrayLength() > 0)
            {
                var first = exceptions[0];
                return $"{Text(first, "type") ?? "exception"}: {Text(first, "message") ?? ""}";
            }

            if (IsTrue(document, "fault") || IsTrue(document, "error"))
            {
                return "ProcessOrder ended in error";
            }
        }

        return null;
    }

    private static bool NamesMessage(JsonElement document, string messageId) =>
        document.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
        && metadata.TryGetProperty("default", out var values) && values.ValueKind == JsonValueKind.Object
        && Text(values, MessageIdKey) == messageId;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool IsTrue(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
