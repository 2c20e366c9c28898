using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrderPipeline.Local.Sqs.Operations;

/// <summary>
/// The parts every *Batch operation shares: reading the <c>Entries</c> list (1–10 entries with distinct, well-formed
/// ids) and writing the <c>{"Successful":[…],"Failed":[…]}</c> answer.
/// </summary>
internal static partial class SqsBatch
{
    public const int MaxEntries = 10;

    /// <param name="request">The operation's JSON input.</param>
    /// <param name="entryType">The entry shape's name in SQS error messages, e.g. DeleteMessageBatchRequestEntry.</param>
    public static List<(string Id, JsonElement Entry)> ReadEntries(JsonElement request, string entryType)
    {
        var entries = SqsJson.Member(request, "Entries", JsonValueKind.Array) is { } array
            ? array.EnumerateArray().ToList()
            : [];
        if (entries.Count == 0)
        {
            throw new SqsProtocolException(SqsError.EmptyBatchRequest(entryType));
        }

        if (entries.Count > MaxEntries)
        {
            throw new SqsProtocolException(SqsError.TooManyEntriesInBatchRequest(entries.Count));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<(string, JsonElement)>();
        foreach (var entry in entries)
        {
            var id = entry.ValueKind == JsonValueKind.Object ? SqsJson.RequiredString(entry, "Id") : string.Empty;
            if (!EntryId().IsMatch(id))
            {
                throw new SqsProtocolException(SqsError.InvalidBatchEntryId());
            }

            if (!ids.Add(id))
            {
                throw new SqsProtocolException(SqsError.BatchEntryIdsNotDistinct(id));
            }

            result.Add((id, entry));
        }

        return result;
    }

    /// <summary>Runs <paramref name="apply"/> on each entry and writes the answer; an entry's error fails only it.</summary>
    public static void Answer(
        Utf8JsonWriter writer, IEnumerable<(string Id, JsonElement Entry)> entries, Action<JsonElement> apply)
    {
        var failed = new List<(string Id, SqsError Error)>();
        writer.WriteStartObject();
        writer.WriteStartArray("Successful");
        foreach (var (id, entry) in entries)
        {
            try
            {
                apply(entry);
                writer.WriteStartObject();
                writer.WriteString("Id", id);
                writer.WriteEndObject();
            }
            catch (SqsProtocolException rejected)
            {
                failed.Add((id, rejected.Error));
            }
        }

        writer.WriteEndArray();
        WriteFailed(writer, failed);
        writer.WriteEndObject();
    }

    public static void WriteFailed(Utf8JsonWriter writer, IEnumerable<(string Id, SqsError Error)> failed)
    {
        writer.WriteStartArray("Failed");
        foreach (var (id, error) in failed)
        {
            writer.WriteStartObject();
            writer.WriteString("Id", id);
            writer.WriteBoolean("SenderFault", error.StatusCode < 500);
            writer.WriteString("Code", error.QueryCode ?? error.Type);
            writer.WriteString("Message", error.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,80}$")]
    private static partial Regex EntryId();
}
