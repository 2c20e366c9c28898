using System.Diagnostics;
using OrderPipeline.TestHelpers.Events;
using OrderPipeline.TestHelpers.Functions;

namespace OrderPipeline.Local.Cli.Tests.Commands;

/// <summary>The Quick start's first command, as a user runs it: the local stack's executable with <c>demo</c>.</summary>
[Collection(BuiltFunctions.Name)]
public sealed class DemoCommandTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Demo_TwoOrdersOutputRedirected_ExitsZeroAndPrintsPlainLinkedTraces()
    {
        var root = RepositoryRoot.Find();
        var startInfo = new ProcessStartInfo("dotnet") { WorkingDirectory = root };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "OrderPipeline.Local.Cli.dll"), "demo", "--orders", "2",
            "--data-dir", FunctionBuildFixture.WorkDirectory(),
            "--template", Path.Combine(root, "template.yaml"),
            "--order-event", Path.Combine(SampleEvents.Directory, SampleEvents.ApiPostOrder),
            "--invalid-event", Path.Combine(SampleEvents.Directory, SampleEvents.ApiPostOrderInvalid),
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        await using var demo = FunctionProcess.Start(startInfo);
        var exitCode = await demo.WaitForExitAsync(Limit, CancellationToken.None);

        var output = string.Join('\n', demo.StandardOutput);
        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{output}\n{string.Join('\n', demo.StandardError)}");
        Assert.DoesNotContain('\u001b', output);
        Assert.Equal(2, demo.StandardOutput.Count(line => line.TrimStart().StartsWith("⇢ linked trace 1-", StringComparison.Ordinal)));
    }
}
