using OrderPipeline.TestHelpers.Functions;

namespace OrderPipeline.Deployment.Tests;

/// <summary>
/// samconfig.toml read line by line: <c>[section]</c> headers and <c>key = value</c> pairs with their raw TOML values
/// (keys before the first header are in section ""). Enough for the flat file SAM writes; not a TOML parser.
/// </summary>
internal sealed class SamConfig
{
    private readonly Dictionary<string, Dictionary<string, string>> _sections;

    private SamConfig(Dictionary<string, Dictionary<string, string>> sections)
    {
        _sections = sections;
    }

    public IReadOnlyDictionary<string, Dictionary<string, string>> Sections => _sections;

    public static SamConfig Load() => Parse(File.ReadAllLines(Path.Combine(RepositoryRoot.Find(), "samconfig.toml")));

    public static SamConfig Parse(IEnumerable<string> lines)
    {
        var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal) { [""] = [] };
        var current = sections[""];
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                current = [];
                sections.Add(line[1..^1].Trim(), current);
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new InvalidDataException($"Not a key = value line: {raw}");
            }

            current.Add(line[..equals].Trim(), line[(equals + 1)..].Trim());
        }

        return new SamConfig(sections);
    }

    /// <summary>The raw value of a key, failing with the section and key when either is missing.</summary>
    public string Value(string section, string key) =>
        !_sections.TryGetValue(section, out var values) ? throw new KeyNotFoundException($"No [{section}] section.")
        : values.TryGetValue(key, out var value) ? value
        : throw new KeyNotFoundException($"No {key} in [{section}].");
}
