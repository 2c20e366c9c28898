using System.Text.RegularExpressions;
using OrderPipeline.TestHelpers.Functions;

namespace OrderPipeline.Deployment.Tests;

public sealed partial class MakefileTests
{
    private static readonly TimeSpan MakeTimeout = TimeSpan.FromMinutes(2);
    private readonly string _root = RepositoryRoot.Find();
    private readonly string _artifacts = Path.Combine(Path.GetTempPath(), "orderpipeline-dry-run", "artifact");

    public static TheoryData<string, string> Functions => new()
    {
        { "ProducerFunction", "OrderPipeline.Producer" },
        { "ConsumerFunction", "OrderPipeline.Consumer" },
    };

    [Fact]
    public void Makefile_EveryTemplateFunction_HasBuildTarget()
    {
        var targets = File.ReadLines(Path.Combine(_root, "Makefile"))
            .Select(line => TargetPattern().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);

        Assert.All(SamTemplate.Load().FunctionLogicalIds, function => Assert.Contains("build-" + function, targets));
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task DryRun_AotMode_PublishesNativeAotInTheFunctionsOwnFoldersAndCopiesTheBinary(string function, string project)
    {
        var commands = await DryRunAsync("build-" + function, "ARTIFACTS_DIR=" + _artifacts, "BUILD_MODE=aot");

        var publish = Assert.Single(commands, c => c.StartsWith("dotnet publish ", StringComparison.Ordinal));
        Assert.Contains($"\"{_root}/src/{project}/{project}.csproj\" -c Release -r linux-x64 -p:PublishAot=true", publish);
        Assert.Contains($"--artifacts-path \"{_root}/artifacts/dotnet/{function}\"", publish);
        Assert.Contains($"cp \"{_root}/artifacts/dotnet/{function}/publish-aot/{project}\" \"{_artifacts}/bootstrap\"", commands);
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task DryRun_ReadyToRunMode_PublishesTrimmedSelfContainedAppWithBootstrapScript(string function, string project)
    {
        var commands = await DryRunAsync("build-" + function, "ARTIFACTS_DIR=" + _artifacts, "BUILD_MODE=r2r");

        var publish = Assert.Single(commands, c => c.StartsWith("dotnet publish ", StringComparison.Ordinal));
        Assert.Contains("-r linux-x64 --self-contained -p:PublishReadyToRun=true -p:PublishTrimmed=true", publish);
        Assert.Contains($"--artifacts-path \"{_root}/artifacts/dotnet/{function}\" -o \"{_artifacts}\"", publish);
        var script = $"printf '#!/bin/sh\\nexec \"$(dirname \"$0\")/%s\" \"$@\"\\n' '{project}' > \"{_artifacts}/bootstrap\"";
        Assert.Contains(script, commands);
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task DryRun_JitMode_PublishesFrameworkDependentAppWithBootstrapScriptRunningDotnet(string function, string project)
    {
        var commands = await DryRunAsync("build-" + function, "ARTIFACTS_DIR=" + _artifacts, "BUILD_MODE=jit");

        var publish = Assert.Single(commands, c => c.StartsWith("dotnet publish ", StringComparison.Ordinal));
        Assert.Contains("--no-self-contained", publish);
        Assert.DoesNotContain("PublishAot", publish);
        Assert.Contains($"--artifacts-path \"{_root}/artifacts/dotnet/{function}\" -o \"{_artifacts}\"", publish);
        var script = $"printf '#!/bin/sh\\nexec dotnet \"$(dirname \"$0\")/%s.dll\" \"$@\"\\n' '{project}' > \"{_artifacts}/bootstrap\"";
        Assert.Contains(script, commands);
    }

    [Fact]
    public async Task DryRun_AutoModeOnHostThatCannotLinkNativeCode_FallsBackToReadyToRun()
    {
        var commands = await DryRunAsync(
            "build-ProducerFunction", "ARTIFACTS_DIR=" + _artifacts, "BUILD_MODE=auto", "HOST_CAN_AOT=");

        var publish = Assert.Single(commands, c => c.StartsWith("dotnet publish ", StringComparison.Ordinal));
        Assert.Contains("-p:PublishReadyToRun=true", publish);
        Assert.DoesNotContain("PublishAot", publish);
    }

    [Theory]
    [InlineData("build-ProducerFunction", "ARTIFACTS_DIR=")]
    [InlineData("build-ConsumerFunction", "BUILD_MODE=native")]
    [InlineData("build-NoSuchFunction", "BUILD_MODE=aot")]
    public async Task DryRun_WithoutArtifactsDirOrWithUnknownModeOrTarget_Fails(string target, string variable)
    {
        var result = await RepositoryMake.RunAsync(
            ["--dry-run", target, "ARTIFACTS_DIR=" + _artifacts, variable], MakeTimeout, CancellationToken.None);

        Assert.NotEqual(0, result.ExitCode);
    }

    /// <summary>The commands `make --dry-run` prints, with continuation lines joined and blanks collapsed.</summary>
    private static async Task<IReadOnlyList<string>> DryRunAsync(params string[] arguments)
    {
        var result = await RepositoryMake.RunAsync(["--dry-run", .. arguments], MakeTimeout, CancellationToken.None);
        Assert.True(result.ExitCode == 0, result.Output);
        var text = string.Join('\n', result.StandardOutput).Replace("\\\n", " ", StringComparison.Ordinal);
        return [.. text.Split('\n').Select(line => Blanks().Replace(line.Trim(), " "))];
    }

    [GeneratedRegex(@"^(build-[A-Za-z0-9]+):")]
    private static partial Regex TargetPattern();

    [GeneratedRegex(@"[ \t]+")]
    private static partial Regex Blanks();
}
