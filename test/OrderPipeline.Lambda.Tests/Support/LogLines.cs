using System.Text;
using System.Text.Json;

namespace OrderPipeline.Lambda.Tests.Support;

/// <summary>Parses what a JSON logger wrote: one JSON object per line.</summary>
internal static class LogLines
{
    public static IReadOnlyList<JsonElement> Parse(MemoryStream sink)
    {
        var text = Encoding.UTF8.GetString(sink.ToArray());
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        return [.. text.TrimEnd('\n').Split('\n').Select(ParseLine)];
    }

    public static JsonElement Single(MemoryStream sink) => Assert.Single(Parse(sink));

    /// <summary>The properties of a record in the order they were written.</summary>
    public static string[] Names(JsonElement record) => [.. record.EnumerateObject().Select(property => property.Name)];

    private static JsonElement ParseLine(string line)
    {
        using var document = JsonDocument.Parse(line);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        return document.RootElement.Clone();
    }
}
