using System.Text.Json;

namespace OrderPipeline.Local.DynamoDb.Operations;

/// <summary>One parsed operation call: its JSON input and the writer for its JSON output.</summary>
internal sealed record DynamoDbCall(JsonElement Request, Utf8JsonWriter Writer);
