using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OrderPipeline.Local.Stack;
using OrderPipeline.TestHelpers.Functions;

namespace OrderPipeline.Deployment.Tests;

public sealed partial class SamConfigTests
{
    private readonly SamConfig _config = Load();

    /// <summary>The repository's samconfig.toml, read by the reader the local stack takes its stack name with.</summary>
    internal static SamConfig Load() =>
        SamConfig.Parse(File.ReadAllLines(Path.Combine(RepositoryRoot.Find(), SamConfig.FileName)));

    [Fact]
    public void Version_IsTheOneSamReads()
    {
        Assert.Equal("0.1", _config.Value("", "version"));
    }

    [Fact]
    public void GlobalParameters_NameTheStack()
    {
        Assert.Matches(QuotedText(), _config.Value("default.global.parameters", "stack_name"));
    }

    [Fact]
    public void BuildParameters_SetCachingAndParallelism()
    {
        Assert.Equal("false", _config.Value("default.build.parameters", "cached"));
        Assert.Equal("true", _config.Value("default.build.parameters", "parallel"));
    }

    [Fact]
    public void DeployParameters_ConfirmChangesetInManagedBucket()
    {
        const string Section = "default.deploy.parameters";

        Assert.Equal("\"CAPABILITY_IAM\"", _config.Value(Section, "capabilities"));
        Assert.Equal("true", _config.Value(Section, "confirm_changeset"));
        Assert.Equal("true", _config.Value(Section, "resolve_s3"));
        Assert.Matches(QuotedText(), _config.Value(Section, "s3_prefix"));
    }

    [Fact]
    public void LocalInvokeParameterOverrides_SetDeclaredParametersToAllowedValues()
    {
        var overrides = _config.Value("default.local_invoke.parameters", "parameter_overrides");
        var parameters = SamTemplate.Object(SamTemplate.Load().Root, "Parameters");

        var pairs = OverridePattern().Matches(overrides);

        Assert.NotEmpty(pairs);
        foreach (Match pair in pairs)
        {
            var parameter = SamTemplate.Object(parameters, pair.Groups["name"].Value);
            if (parameter["AllowedValues"] is JsonArray allowed)
            {
                Assert.Contains(pair.Groups["value"].Value, allowed.Select(v => v!.ToString()));
            }
        }
    }

    [Fact]
    public void Values_AreTomlScalarsWithoutPlaceholders()
    {
        var values = _config.Sections.SelectMany(
            section => section.Value.Select(pair => (Key: $"{section.Key}.{pair.Key}", pair.Value)));

        Assert.All(values, entry => Assert.True(
            TomlScalar().IsMatch(entry.Value) && !Placeholder().IsMatch(entry.Value), $"{entry.Key} = {entry.Value}"));
    }

    [GeneratedRegex("""^"[^"]+"$""")]
    private static partial Regex QuotedText();

    [GeneratedRegex(@"(?<name>[A-Za-z0-9]+)=\\""(?<value>[^""\\]*)\\""")]
    private static partial Regex OverridePattern();

    [GeneratedRegex("""^("([^"\\]|\\.)*"|true|false|[0-9]+(\.[0-9]+)?)$""")]
    private static partial Regex TomlScalar();

    [GeneratedRegex("(?i)<[a-z_ -]+>|TODO|CHANGE_?ME|REPLACE|YOUR[-_ ]|xxx")]
    private static partial Regex Placeholder();
}
