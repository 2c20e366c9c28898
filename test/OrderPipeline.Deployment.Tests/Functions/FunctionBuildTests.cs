using OrderPipeline.TestHelpers.Functions;

namespace OrderPipeline.Deployment.Tests.Functions;

public sealed class FunctionBuildTests
{
    [Fact]
    public async Task RunAsync_TargetMissingFromMakefile_ThrowsWithMakesOutput()
    {
        var work = Directory.CreateTempSubdirectory("orderpipeline-build-");
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(
                () => FunctionBuild.RunAsync("NoSuchFunction", work.FullName, timeout: TimeSpan.FromMinutes(1)));

            Assert.Contains("build-NoSuchFunction", error.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(
                FunctionBuild.ArtifactsDirectoryFor(work.FullName, "NoSuchFunction"), FunctionBuild.BootstrapFileName)));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
