using OrderPipeline.TestHelpers.Functions;

namespace OrderPipeline.Deployment.Tests.Functions;

public sealed class RepositoryRootTests
{
    [Fact]
    public void Find_FromNestedFolder_ReturnsNearestFolderHoldingTheSolution()
    {
        var root = Directory.CreateTempSubdirectory("orderpipeline-root-");
        try
        {
            File.WriteAllText(Path.Combine(root.FullName, RepositoryRoot.SolutionFileName), string.Empty);
            var nested = Directory.CreateDirectory(Path.Combine(root.FullName, "test", "bin", "Debug"));

            Assert.Equal(root.FullName, RepositoryRoot.Find(nested.FullName));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void Find_NoSolutionAbove_ThrowsDirectoryNotFound()
    {
        var folder = Directory.CreateTempSubdirectory("orderpipeline-root-");
        try
        {
            Assert.Throws<DirectoryNotFoundException>(() => RepositoryRoot.Find(folder.FullName));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Find_FromTestOutput_ReturnsThisRepositoryWithItsTemplate()
    {
        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Find(), "template.yaml")));
    }
}
