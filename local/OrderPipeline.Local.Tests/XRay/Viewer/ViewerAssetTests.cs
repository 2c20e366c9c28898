using System.Text.RegularExpressions;
using OrderPipeline.Local.XRay.Viewer;

namespace OrderPipeline.Local.Tests.XRay.Viewer;

/// <summary>The page's files as embedded, and what they may contain.</summary>
public sealed partial class ViewerAssetTests
{
    public static TheoryData<string> Names => [.. ViewerFiles.Names];

    public static TheoryData<string> Scripts => [.. ViewerFiles.Scripts];

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

    [Fact]
    public void Names_HoldThePageTheEntryModuleAndTheStylesheet()
    {
        Assert.Contains(TraceViewer.IndexName, ViewerFiles.Names);
        Assert.Contains(TraceViewer.ScriptName, ViewerFiles.Names);
        Assert.Contains(TraceViewer.StylesheetName, ViewerFiles.Names);
    }

    // No bundler: the browser resolves each import itself, so each must name a module served beside the page.
    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_ImportsOnlyEmbeddedSiblingModules(string name)
    {
        foreach (var specifier in ViewerFiles.ImportsOf(Text(name)))
        {
            Assert.Contains(ViewerFiles.SiblingName(specifier), ViewerFiles.Scripts);
        }
    }

    [Fact]
    public void Scripts_AreEachLoadedFromTheEntry()
    {
        Assert.Equal(ViewerFiles.Scripts, ViewerFiles.ModulesFromTheEntry().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ImportsOf_ReadsEveryStaticImportForm()
    {
        const string script = """
            import { a, b } from "./one.js";
            import {
              c,
            } from './two.js';
            import "./three.js";
            export { d } from "./four.js";
            export const notAnImport = "./five.js";
            """;

        Assert.Equal(["./one.js", "./two.js", "./three.js", "./four.js"], ViewerFiles.ImportsOf(script));
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

    // Trace data is untrusted: the scripts build the page with text nodes only.
    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_NeverParsesMarkup(string name)
    {
        Assert.Empty(MarkupSinks().Matches(Text(name)));
    }

    // One client (api.js) makes every request, with one fetch.
    [Fact]
    public void Scripts_CallOnlyTheXRayApiOperations()
    {
        var scripts = ViewerFiles.Scripts.Select(Text).ToList();
        var operations = scripts.SelectMany(script => XRayCall().Matches(script)).Select(match => match.Groups[1].Value).ToHashSet();

        Assert.Equal(["/ServiceGraph", "/TraceSummaries", "/Traces"], operations.Order(StringComparer.Ordinal));
        Assert.Single(scripts.SelectMany(script => FetchCall().Matches(script)));
    }

    private static string Text(string name) => ViewerFiles.Text(name);

    [GeneratedRegex(@"https?://[^\s""'`)]+")]
    private static partial Regex RemoteAddress();

    [GeneratedRegex(@"innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment|\beval\(|new Function\(")]
    private static partial Regex MarkupSinks();

    [GeneratedRegex(@"xray\(""(/[A-Za-z]+)""")]
    private static partial Regex XRayCall();

    [GeneratedRegex(@"\bfetch\(")]
    private static partial Regex FetchCall();
}
