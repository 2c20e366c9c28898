using System.Text;
using System.Text.RegularExpressions;
using OrderPipeline.Local.XRay.Viewer;

namespace OrderPipeline.Local.Tests.XRay.Viewer;

/// <summary>The viewer's files as the build embedded them, and the static imports of its ES modules.</summary>
internal static partial class ViewerFiles
{
    private const string ResourcePrefix = "Viewer/";

    /// <summary>Every embedded file's name, which is also its path under <c>/</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(TraceViewer).Assembly.GetManifestResourceNames()
        .Where(resource => resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
        .Select(resource => resource[ResourcePrefix.Length..])
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The embedded ES modules: the entry and every other <c>.js</c> file.</summary>
    public static IReadOnlyList<string> Scripts { get; } =
        Names.Where(name => name.EndsWith(".js", StringComparison.Ordinal)).ToList();

    public static byte[] Bytes(string name)
    {
        using var stream = typeof(TraceViewer).Assembly.GetManifestResourceStream(ResourcePrefix + name)!;
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    public static string Text(string name) => Encoding.UTF8.GetString(Bytes(name));

    /// <summary>
    /// The specifiers of a module's static imports and re-exports (<c>import { a } from "./b.js";</c>,
    /// <c>import "./b.js";</c>, <c>export { a } from "./b.js";</c>), in the order written.
    /// </summary>
    public static IReadOnlyList<string> ImportsOf(string script) =>
        StaticImport().Matches(script).Select(match => match.Groups["specifier"].Value).ToList();

    /// <summary>The modules the entry loads, itself first, following the imports of each from the embedded files.</summary>
    public static IReadOnlyList<string> ModulesFromTheEntry()
    {
        var found = new List<string> { TraceViewer.ScriptName };
        for (var i = 0; i < found.Count; i++)
        {
            foreach (var specifier in ImportsOf(Text(found[i])))
            {
                var name = SiblingName(specifier);
                if (!found.Contains(name))
                {
                    found.Add(name);
                }
            }
        }

        return found;
    }

    /// <summary>The file a relative specifier like <c>./api.js</c> names beside the importing module.</summary>
    /// <exception cref="ArgumentException">The specifier is not a sibling <c>.js</c> file.</exception>
    public static string SiblingName(string specifier)
    {
        var match = Sibling().Match(specifier);
        return match.Success
            ? match.Groups["name"].Value
            : throw new ArgumentException($"'{specifier}' is not a sibling module (./name.js).", nameof(specifier));
    }

    [GeneratedRegex(@"^[ \t]*(?:import|export)\s(?:[^;""'`]*?\bfrom\s*)?[""'](?<specifier>[^""']+)[""']", RegexOptions.Multiline)]
    private static partial Regex StaticImport();

    [GeneratedRegex(@"^\./(?<name>[a-z][a-z0-9-]*\.js)$")]
    private static partial Regex Sibling();
}
