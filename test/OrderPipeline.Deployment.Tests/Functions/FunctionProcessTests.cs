using System.Globalization;
using System.Runtime.Versioning;
using OrderPipeline.TestHelpers.Functions;

namespace OrderPipeline.Deployment.Tests.Functions;

[SupportedOSPlatform("linux")]
public sealed class FunctionProcessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Start_ExplicitEnvironment_ChildSeesOnlyPathHomeAndTheGivenVariables()
    {
        await using var process = FunctionProcess.Start(
            "/usr/bin/env", new Dictionary<string, string> { ["AWS_LAMBDA_RUNTIME_API"] = "127.0.0.1:9001" });

        Assert.Equal(0, await process.WaitForExitAsync(Timeout, CancellationToken.None));
        var names = process.StandardOutput.Select(line => line[..line.IndexOf('=', StringComparison.Ordinal)]);
        Assert.Equal(["AWS_LAMBDA_RUNTIME_API", "HOME", "PATH"], names.Order());
        Assert.Contains("AWS_LAMBDA_RUNTIME_API=127.0.0.1:9001", process.StandardOutput);
    }

    [Fact]
    public async Task Start_GivenVariable_OverridesInheritedOne()
    {
        await using var process = FunctionProcess.Start(
            "/usr/bin/env", new Dictionary<string, string> { ["HOME"] = "/var/task" });

        await process.WaitForExitAsync(Timeout, CancellationToken.None);

        Assert.Contains("HOME=/var/task", process.StandardOutput);
    }

    [Fact]
    public async Task WaitForExitAsync_BootstrapExits_ReturnsExitCodeWithBothStreamsCapturedRunInItsFolder()
    {
        var folder = Directory.CreateTempSubdirectory("orderpipeline-process-");
        try
        {
            var bootstrap = Path.Combine(folder.FullName, FunctionBuild.BootstrapFileName);
            await File.WriteAllTextAsync(bootstrap, "#!/bin/sh\necho out\necho err >&2\npwd -P\nexit 3\n");
            File.SetUnixFileMode(bootstrap, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            await using var process = FunctionProcess.Start(bootstrap, new Dictionary<string, string>());

            var exitCode = await process.WaitForExitAsync(Timeout, CancellationToken.None);

            Assert.Equal(3, exitCode);
            var physicalFolder = folder.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? folder.FullName;
            Assert.Equal(["out", physicalFolder], process.StandardOutput);
            Assert.Equal(["err"], process.StandardError);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task WaitForExitAsync_ProcessStillRunning_ThrowsTimeout()
    {
        await using var process = FunctionProcess.Start("/bin/sleep", new Dictionary<string, string>(), ["300"]);

        await Assert.ThrowsAsync<TimeoutException>(
            () => process.WaitForExitAsync(TimeSpan.FromMilliseconds(100), CancellationToken.None));
        Assert.False(process.HasExited);
    }

    [Fact]
    public async Task WaitForOutputLineAsync_StreamEndsWithoutMatch_ThrowsEndOfStream()
    {
        await using var process = FunctionProcess.Start("/bin/sh", new Dictionary<string, string>(), ["-c", "echo one"]);

        await Assert.ThrowsAsync<EndOfStreamException>(
            () => process.WaitForOutputLineAsync(line => line == "two", Timeout, CancellationToken.None));
    }

    [Fact]
    public async Task DisposeAsync_RunningProcessTree_KillsTheChildrenToo()
    {
        var process = FunctionProcess.Start(
            "/bin/sh", new Dictionary<string, string>(), ["-c", "sleep 300 & echo $!; wait"]);
        var childId = int.Parse(
            await process.WaitForOutputLineAsync(_ => true, Timeout, CancellationToken.None), CultureInfo.InvariantCulture);

        await process.DisposeAsync();

        Assert.True(await HasEndedAsync(childId), $"Child process {childId} is still running.");
    }

    /// <summary>True once the process is gone or a zombie awaiting its reaper (it runs no more).</summary>
    private static async Task<bool> HasEndedAsync(int processId)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                var state = File.ReadAllText($"/proc/{processId}/stat").Split(')')[^1].TrimStart();
                if (state.StartsWith('Z'))
                {
                    return true;
                }
            }
            catch (IOException)
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
