using System.Text.RegularExpressions;

namespace OrderPipeline.Local.Stack;

/// <summary>
/// The stack name <c>sam deploy</c> takes from the <c>samconfig.toml</c> beside the template, so that the local stack
/// names resources as the deployed stack has them. The SAM CLI's configuration file
/// (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-sam-cli-config.html) groups
/// parameters by environment and command, <c>[default.deploy.parameters]</c>, with <c>[default.global.parameters]</c>
/// for every command; a command's own table wins. Only the <c>default</c> environment is read, and only the TOML
/// file (the SAM CLI also reads <c>samconfig.yaml</c>).
/// </summary>
internal static partial class SamConfig
{
    public const string FileName = "samconfig.toml";

    private const string DeployTable = "default.deploy.parameters";
    private const string GlobalTable = "default.global.parameters";
    private const string StackNameKey = "stack_name";

    /// <summary>
    /// The stack name for the template at <paramref name="templatePath"/>: the <c>stack_name</c> of the samconfig.toml
    /// beside it, else <see cref="LocalAccount.DefaultStackName"/>.
    /// </summary>
    public static string StackNameFor(string templatePath) =>
        StackName(Path.GetDirectoryName(Path.GetFullPath(templatePath))!) ?? LocalAccount.DefaultStackName;

    /// <summary>The <c>stack_name</c> in <c>directory/samconfig.toml</c>; null when there is no file or no such key.</summary>
    /// <exception cref="InvalidDataException">The file names a stack name CloudFormation would refuse.</exception>
    public static string? StackName(string directory)
    {
        var path = Path.Combine(directory, FileName);
        return File.Exists(path) ? StackNameIn(File.ReadLines(path), path) : null;
    }

    /// <summary>The deploy command's <c>stack_name</c>, else the global one, in the lines of a samconfig.toml.</summary>
    public static string? StackNameIn(IEnumerable<string> lines, string source = FileName)
    {
        ArgumentNullException.ThrowIfNull(lines);
        string? table = null, deploy = null, global = null;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (TableHeader().Match(line) is { Success: true } header)
            {
                table = header.Groups["name"].Value.Replace(" ", "", StringComparison.Ordinal);
            }
            else if (StringEntry().Match(line) is { Success: true } entry && entry.Groups["key"].Value == StackNameKey)
            {
                var value = entry.Groups["basic"].Success ? entry.Groups["basic"].Value : entry.Groups["literal"].Value;
                switch (table)
                {
                    case DeployTable: deploy = value; break;
                    case GlobalTable: global = value; break;
                }
            }
        }

        var name = deploy ?? global;
        return name is null || ValidStackName().IsMatch(name)
            ? name
            : throw new InvalidDataException(
                $"{source}: stack_name '{name}' is not a stack name (a letter, then letters, digits and hyphens, at most 128).");
    }

    [GeneratedRegex(@"^\[\s*(?<name>[A-Za-z0-9_.\- ]+?)\s*\]\s*(#.*)?$")]
    private static partial Regex TableHeader();

    [GeneratedRegex("""^(?<key>[A-Za-z0-9_\-]+)\s*=\s*(?:"(?<basic>[^"\\]*)"|'(?<literal>[^']*)')\s*(#.*)?$""")]
    private static partial Regex StringEntry();

    /// <summary>CloudFormation's CreateStack: <c>[a-zA-Z][-a-zA-Z0-9]*</c>, at most 128 characters.</summary>
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9-]{0,127}$")]
    private static partial Regex ValidStackName();
}
