using System.Text.RegularExpressions;

namespace OrderPipeline.Local.Stack;

/// <summary>
/// samconfig.toml read line by line: <c>[section]</c> headers and <c>key = value</c> pairs with their raw TOML values
/// (keys before the first header are in section ""). Enough for the flat file the SAM CLI writes; not a TOML parser.
/// The SAM CLI's configuration file
/// (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-sam-cli-config.html)
/// groups parameters by environment and command, <c>[default.deploy.parameters]</c>, with
/// <c>[default.global.parameters]</c> for every command; a command's own table wins. The local stack reads the stack
/// name from it, so that it names resources as the deployed stack has them; only the <c>default</c> environment and
/// only the TOML file (the SAM CLI also reads <c>samconfig.yaml</c>).
/// </summary>
internal sealed partial class SamConfig
{
    public const string FileName = "samconfig.toml";

    private const string DeployTable = "default.deploy.parameters";
    private const string GlobalTable = "default.global.parameters";
    private const string StackNameKey = "stack_name";

    private readonly Dictionary<string, Dictionary<string, string>> _sections;
    private readonly string _source;

    private SamConfig(Dictionary<string, Dictionary<string, string>> sections, string source)
    {
        _sections = sections;
        _source = source;
    }

    public IReadOnlyDictionary<string, Dictionary<string, string>> Sections => _sections;

    /// <summary>
    /// The <c>stack_name</c> of the deploy command, else the global one, unquoted; null when neither is set.
    /// </summary>
    /// <exception cref="InvalidDataException">It is no quoted string, or a name CloudFormation would refuse.</exception>
    public string? StackName
    {
        get
        {
            if ((Find(DeployTable, StackNameKey) ?? Find(GlobalTable, StackNameKey)) is not { } raw)
            {
                return null;
            }

            var quoted = QuotedString().Match(raw);
            var name = quoted.Success
                ? (quoted.Groups["basic"].Success ? quoted.Groups["basic"].Value : quoted.Groups["literal"].Value)
                : throw new InvalidDataException($"{_source}: stack_name {raw} is not a quoted string.");
            return ValidStackName().IsMatch(name)
                ? name
                : throw new InvalidDataException(
                    $"{_source}: stack_name '{name}' is not a stack name (a letter, then letters, digits and hyphens, at most 128).");
        }
    }

    /// <summary>
    /// The stack name for the template at <paramref name="templatePath"/>: the <c>stack_name</c> of the samconfig.toml
    /// beside it, else <see cref="LocalAccount.DefaultStackName"/>.
    /// </summary>
    public static string StackNameFor(string templatePath)
    {
        var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(templatePath))!, FileName);
        return (File.Exists(path) ? Parse(File.ReadLines(path), path).StackName : null) ?? LocalAccount.DefaultStackName;
    }

    /// <exception cref="InvalidDataException">A line is neither a header nor <c>key = value</c>, or a section repeats.</exception>
    public static SamConfig Parse(IEnumerable<string> lines, string source = FileName)
    {
        ArgumentNullException.ThrowIfNull(lines);
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
                if (!sections.TryAdd(line[1..^1].Trim(), current))
                {
                    throw new InvalidDataException($"{source}: the section {line} appears twice.");
                }

                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new InvalidDataException($"{source}: not a key = value line: {raw}");
            }

            current[line[..equals].Trim()] = line[(equals + 1)..].Trim();
        }

        return new SamConfig(sections, source);
    }

    /// <summary>The raw value of a key; null when the section or the key is missing.</summary>
    public string? Find(string section, string key) =>
        _sections.TryGetValue(section, out var values) && values.TryGetValue(key, out var value) ? value : null;

    /// <summary>The raw value of a key, failing with the section and key when either is missing.</summary>
    public string Value(string section, string key) =>
        !_sections.TryGetValue(section, out var values) ? throw new KeyNotFoundException($"No [{section}] section.")
        : values.TryGetValue(key, out var value) ? value
        : throw new KeyNotFoundException($"No {key} in [{section}].");

    /// <summary>A TOML basic (<c>"…"</c>, no escapes) or literal (<c>'…'</c>) string, a comment after it allowed.</summary>
    [GeneratedRegex("""^(?:"(?<basic>[^"\\]*)"|'(?<literal>[^']*)')\s*(#.*)?$""")]
    private static partial Regex QuotedString();

    /// <summary>CloudFormation's CreateStack: <c>[a-zA-Z][-a-zA-Z0-9]*</c>, at most 128 characters.</summary>
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9-]{0,127}$")]
    private static partial Regex ValidStackName();
}
