using System.Buffers;
using System.Text;
using System.Text.Json;

namespace OrderPipeline.XRayCause.Tests;

/// <summary>The <c>cause</c> object as https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html#api-segmentdocuments-errors has it.</summary>
public sealed class CauseDocumentTests
{
    private static readonly CauseEntry Outer = new(
        "InvalidOperationException", "outer", [new("App.Run()", "/src/App.cs", 1), new("App.Main()", "/src/Main.cs", 9)], 0);

    private static readonly CauseEntry Inner = new(
        "TimeoutException", "inner", [new("App.Wait()", "/src/App.cs", 2), new("Lib.Call() + 0x2a", null, null)], 3);

    [Fact]
    public void Write_Chain_WritesTheDocumentedFieldsWithCauseLinks()
    {
        using var document = Write([Outer, Inner], CauseOptions.Full);

        var root = document.RootElement;
        Assert.Equal(["working_directory", "paths", "exceptions"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["/src/App.cs", "/src/Main.cs"], root.GetProperty("paths").EnumerateArray().Select(p => p.GetString()));
        var outer = root.GetProperty("exceptions")[0];
        var inner = root.GetProperty("exceptions")[1];
        Assert.Equal(["id", "type", "message", "stack", "cause"], outer.EnumerateObject().Select(p => p.Name));
        Assert.Equal(inner.GetProperty("id").GetString(), outer.GetProperty("cause").GetString());
        Assert.NotEqual(outer.GetProperty("id").GetString(), inner.GetProperty("id").GetString());
        var frame = inner.GetProperty("stack")[1];
        Assert.Equal(["label"], frame.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Lib.Call() + 0x2a", frame.GetProperty("label").GetString());
        Assert.Equal("""{"label":"App.Wait()","path":"/src/App.cs","line":2}""", inner.GetProperty("stack")[0].GetRawText());
        Assert.Equal(3, inner.GetProperty("truncated").GetInt32());
        Assert.False(inner.TryGetProperty("cause", out _));
    }

    [Fact]
    public void Write_WithoutStacks_CountsEveryFrameAsTruncatedAndListsNoPaths()
    {
        using var document = Write([Outer, Inner], new CauseOptions(WithStacks: false, MaxMessageChars: int.MaxValue, Remote: true));

        var root = document.RootElement;
        Assert.Equal(0, root.GetProperty("paths").GetArrayLength());
        var exceptions = root.GetProperty("exceptions").EnumerateArray().ToList();
        Assert.All(exceptions, e => Assert.False(e.TryGetProperty("stack", out _)));
        Assert.All(exceptions, e => Assert.True(e.GetProperty("remote").GetBoolean()));
        Assert.Equal([2, 5], exceptions.Select(e => e.GetProperty("truncated").GetInt32()));
    }

    [Theory]
    [InlineData("abcdefghij", 8, "abcde...")]
    [InlineData("abcd\U0001F600efgh", 8, "abcd...")]
    [InlineData("short", 8, "short")]
    public void Write_LongMessage_IsCutWithoutSplittingASurrogatePair(string message, int maxChars, string expected)
    {
        using var document = Write([Outer with { Message = message }], new CauseOptions(WithStacks: true, MaxMessageChars: maxChars, Remote: false));

        Assert.Equal(expected, document.RootElement.GetProperty("exceptions")[0].GetProperty("message").GetString());
    }

    private static JsonDocument Write(IReadOnlyList<CauseEntry> chain, CauseOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            CauseDocument.Write(writer, "/var/task", chain, options);
        }

        return JsonDocument.Parse(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
