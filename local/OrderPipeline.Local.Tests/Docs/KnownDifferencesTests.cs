using System.Text.RegularExpressions;
using OrderPipeline.TestHelpers.Functions;

namespace OrderPipeline.Local.Tests.Docs;

/// <summary>
/// docs/local-stack.md's "Known differences from AWS" table is the promise that every way the local stack departs from
/// AWS is written down with the test that pins it: each row must name at least one test, and each test it names must
/// exist in the repository's test sources (a renamed or deleted test leaves the row pointing at nothing).
/// </summary>
public sealed partial class KnownDifferencesTests
{
    private const string Heading = "## Known differences from AWS";

    [Fact]
    public void Table_EveryRow_NamesTestsThatExist()
    {
        var root = RepositoryRoot.Find();
        var rows = TableRows(File.ReadAllText(Path.Combine(root, "docs", "local-stack.md")));
        var sources = string.Join('\n', Directory
            .EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(path => path.Contains("Tests", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));

        Assert.True(rows.Count >= 40, $"expected the whole table, found {rows.Count} rows");
        var unpinned = rows.Where(row => !TestReference().IsMatch(PinnedBy(row))).ToList();
        Assert.True(unpinned.Count == 0, "rows naming no test:\n" + string.Join('\n', unpinned));
        var missing = rows
            .SelectMany(row => TestReference().Matches(PinnedBy(row)))
            .Where(reference => !Exists(sources, reference.Groups["class"].Value, reference.Groups["method"].Value))
            .Select(reference => reference.Value)
            .ToList();
        Assert.True(missing.Count == 0, "tests the table names that do not exist: " + string.Join(", ", missing));
    }

    private static List<string> TableRows(string markdown)
    {
        var start = markdown.IndexOf(Heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/local-stack.md has no '{Heading}' section");
        var section = markdown[(start + Heading.Length)..];
        var end = section.IndexOf("\n## ", StringComparison.Ordinal);
        return (end >= 0 ? section[..end] : section)
            .Split('\n')
            .Where(line => line.StartsWith('|') && !line.StartsWith("|---", StringComparison.Ordinal))
            .Skip(1) // the header
            .ToList();
    }

    private static string PinnedBy(string row) => row.TrimEnd().TrimEnd('|').Split('|')[^1];

    private static bool Exists(string sources, string testClass, string method) =>
        Regex.IsMatch(sources, $@"\bclass {Regex.Escape(testClass)}\b")
        && (method.Length == 0 || method.StartsWith('…') || Regex.IsMatch(sources, $@"\b{Regex.Escape(method)}\b"));

    /// <summary><c>`SomeTests.Method_Case_Outcome`</c>, <c>`SomeTests.…_Tail`</c> or a whole class, <c>`SomeTests`</c>.</summary>
    [GeneratedRegex(@"`(?<class>[A-Z][A-Za-z0-9]*Tests)(?:\.(?<method>[A-Za-z0-9_…]+))?`")]
    private static partial Regex TestReference();
}
