using System.Text;
using System.Text.RegularExpressions;
using OrderPipeline.Local.XRay.Viewer;

namespace OrderPipeline.Local.Tests.XRay.Viewer;

/// <summary>The page's files as embedded, and what they may contain.</summary>
public sealed partial class ViewerAssetTests
{
    public static TheoryData<string> Names => [TraceViewer.IndexName, TraceViewer.ScriptName, TraceViewer.StylesheetName];

    [Fact]
    public void Create_UnknownExtension_Throws()
    {
        Assert.Throws<ArgumentException>(() => ViewerAsset.Create("viewer.map", "{}"u8.ToArray()));
    }

    [Fact]
    public void ETag_DiffersWithTheContentAndIsQuoted()
    {
        var first = ViewerAsset.Create("viewer.js", "a"u8.ToArray());
        var second = ViewerAsset.Create("viewer.js", "b"u8.ToArray());

        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Matches("^\"[0-9a-f]{32}\"$", first.ETag);
    }

    [Fact]
    public void Index_LoadsTheScriptAsAModuleAndTheStylesheetFromItsOwnOrigin()
    {
        var index = Text(TraceViewer.IndexName);

        Assert.Contains($"<script type=\"module\" src=\"{TraceViewer.ScriptName}\"></script>", index, StringComparison.Ordinal);
        Assert.Contains($"<link rel=\"stylesheet\" href=\"{TraceViewer.StylesheetName}\">", index, StringComparison.Ordinal);
    }

    // The page works offline and fetches nothing from elsewhere; the SVG namespace is a name, not an address.
    [Theory]
    [MemberData(nameof(Names))]
    public void Asset_NamesNoRemoteAddress(string name)
    {
        var addresses = RemoteAddress().Matches(Text(name)).Select(match => match.Value)
            .Where(address => address != "http://www.w3.org/2000/svg");

        Assert.Empty(addresses);
    }

    // Trace data is untrusted: the script builds the page with text nodes only.
    [Fact]
    public void Script_NeverParsesMarkup()
    {
        var script = Text(TraceViewer.ScriptName);

        Assert.Empty(MarkupSinks().Matches(script));
    }

    [Fact]
    public void Script_CallsOnlyTheXRayApiOperations()
    {
        var operations = XRayCall().Matches(Text(TraceViewer.ScriptName)).Select(match => match.Groups[1].Value).ToHashSet();

        Assert.Equal(["/ServiceGraph", "/TraceSummaries", "/Traces"], operations.Order(StringComparer.Ordinal));
        Assert.Single(FetchCall().Matches(Text(TraceViewer.ScriptName)));
    }

    private static string Text(string name)
    {
        using var stream = typeof(TraceViewer).Assembly.GetManifestResourceStream("Viewer/" + name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"https?://[^\s""'`)]+")]
    private static partial Regex RemoteAddress();

    [GeneratedRegex(@"innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment|\beval\(|new Function\(")]
    private static partial Regex MarkupSinks();

    [GeneratedRegex(@"xray\(""(/[A-Za-z]+)""")]
    private static partial Regex XRayCall();

    [GeneratedRegex(@"\bfetch\(")]
    private static partial Regex FetchCall();
}
