using System.Text.Json;

namespace OrderPipeline.Local.Cli.Trial;

/// <summary>
/// Reads the <c>orderId</c> out of the documents the trial sees: a 202 body or a queue message body
/// (<c>{"orderId":"…",…}</c>), and a DynamoDB item image (<c>{"orderId":{"S":"…"},…}</c>). Never throws: null when
/// the document is not JSON or names no order id.
/// </summary>
internal static class OrderIdReader
{
    public const string Field = "orderId";
    private const string StringType = "S";

    public static string? FromBody(string? json) =>
        Read(json, root => root.TryGetProperty(Field, out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null);

    public static string? FromItem(string? json) =>
        Read(json, root => root.TryGetProperty(Field, out var attribute) && attribute.ValueKind == JsonValueKind.Object
            && attribute.TryGetProperty(StringType, out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null);

    private static string? Read(string? json, Func<JsonElement, string?> read)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object ? read(document.RootElement) : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
