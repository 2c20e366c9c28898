using System.Text.Json;

namespace OrderPipeline.Local.Sqs.Operations;

/// <summary>One parsed operation call: its JSON input, the writer for its JSON output, and who called where.</summary>
internal sealed record SqsCall(
    JsonElement Request,
    Utf8JsonWriter Writer,
    string ServiceUrl,
    string SenderId,
    CancellationToken CancellationToken);
