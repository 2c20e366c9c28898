using System.Text.Json;

namespace OrderPipeline.Local.Lambda.EventSourceMapping;

/// <summary>
/// Reads a partial batch response, <c>{"batchItemFailures":[{"itemIdentifier":"&lt;messageId&gt;"}]}</c>, as Lambda
/// does with <c>ReportBatchItemFailures</c>: an empty response, <c>null</c>, <c>{}</c> or an empty or null list means
/// every record succeeded; invalid JSON, a list entry without a non-empty <c>itemIdentifier</c>, or one naming a message
/// that is not in the batch fails the whole batch.
/// </summary>
internal static class BatchItemFailuresReader
{
    public const string FailuresProperty = "batchItemFailures";
    public const string IdentifierProperty = "itemIdentifier";

    /// <summary>Never throws for a bad response: that is a verdict of its own.</summary>
    public static SqsBatchVerdict Read(ReadOnlyMemory<byte> response, IReadOnlyCollection<string> messageIds)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        if (response.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return SqsBatchVerdict.AllSucceeded;
        }

        try
        {
            using var document = JsonDocument.Parse(response);
            return Read(document.RootElement, messageIds);
        }
        catch (JsonException)
        {
            return SqsBatchVerdict.AllFailed(messageIds, "The function's response is not JSON.");
        }
    }

    private static SqsBatchVerdict Read(JsonElement root, IReadOnlyCollection<string> messageIds)
    {
        if (root.ValueKind == JsonValueKind.Null)
        {
            return SqsBatchVerdict.AllSucceeded;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return SqsBatchVerdict.AllFailed(messageIds, "The function's response is not a JSON object.");
        }

        if (!root.TryGetProperty(FailuresProperty, out var failures) || failures.ValueKind == JsonValueKind.Null)
        {
            return SqsBatchVerdict.AllSucceeded;
        }

        if (failures.ValueKind != JsonValueKind.Array)
        {
            return SqsBatchVerdict.AllFailed(messageIds, $"{FailuresProperty} is not an array.");
        }

        var failed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in failures.EnumerateArray())
        {
            var identifier = entry.ValueKind == JsonValueKind.Object
                && entry.TryGetProperty(IdentifierProperty, out var value)
                && value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : null;
            if (string.IsNullOrEmpty(identifier))
            {
                return SqsBatchVerdict.AllFailed(messageIds, $"A {FailuresProperty} entry has no {IdentifierProperty}.");
            }

            if (!messageIds.Contains(identifier, StringComparer.Ordinal))
            {
                return SqsBatchVerdict.AllFailed(
                    messageIds, $"{IdentifierProperty} {identifier} is not the id of a message in the batch.");
            }

            failed.Add(identifier);
        }

        return new SqsBatchVerdict(failed, null);
    }
}

/// <summary>
/// Which records of a batch failed and stay in the queue: none, some (those the function named in
/// <c>batchItemFailures</c>), or all, with <see cref="Reason"/> saying why the whole batch failed.
/// </summary>
internal sealed record SqsBatchVerdict(IReadOnlySet<string> FailedMessageIds, string? Reason)
{
    public static SqsBatchVerdict AllSucceeded { get; } = new(new HashSet<string>(StringComparer.Ordinal), null);

    public static SqsBatchVerdict AllFailed(IEnumerable<string> messageIds, string reason) =>
        new(messageIds.ToHashSet(StringComparer.Ordinal), reason);
}
