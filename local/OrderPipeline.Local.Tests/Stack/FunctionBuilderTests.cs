using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.Tests.Stack;

/// <summary>The builder against a stand-in project: a Makefile that records each run and the variables it was given.</summary>
public sealed class FunctionBuilderTests : IDisposable
{
    private const string Makefile = """
        build-Fn:
        	@echo "building $(BUILD_MODE)"
        	@echo run >> runs.log
        	@echo "$(BUILD_MODE) $(ARTIFACTS_DIR)" > last-run.txt
        	@printf '#!/bin/sh\n' > "$(ARTIFACTS_DIR)/bootstrap"

        build-Broken:
        	@echo "compiler says no"
        	@exit 3

        """;

    private readonly DirectoryInfo _project = Directory.CreateTempSubdirectory("orderpipeline-builder-");

    public FunctionBuilderTests()
    {
        File.WriteAllText(Path.Combine(_project.FullName, "Makefile"), Makefile);
        Directory.CreateDirectory(Path.Combine(_project.FullName, "src"));
        Directory.CreateDirectory(Path.Combine(_project.FullName, "test"));
        File.WriteAllText(Path.Combine(_project.FullName, "src", "Function.cs"), "class Function { }");
        File.WriteAllText(Path.Combine(_project.FullName, "test", "FunctionTests.cs"), "class FunctionTests { }");
    }

    private string Artifacts => Path.Combine(_project.FullName, "out", "Fn");

    private int Runs => File.Exists(RunsLog) ? File.ReadAllLines(RunsLog).Length : 0;

    private string RunsLog => Path.Combine(_project.FullName, "runs.log");

    [Fact]
    public async Task BuildAsync_FirstBuild_RunsMakeWithTheModeAndArtifactsDirectory()
    {
        var lines = new List<string>();

        var result = await BuildAsync(FunctionBuildMode.Jit, lines.Add);

        Assert.False(result.Reused);
        Assert.True(File.Exists(result.BootstrapPath));
        Assert.Equal($"jit {Artifacts}", File.ReadAllText(Path.Combine(_project.FullName, "last-run.txt")).Trim());
        Assert.Contains("building jit", lines);
    }

    [Fact]
    public async Task BuildAsync_SourcesUnchanged_ReusesTheBuildWithoutRunningMake()
    {
        await BuildAsync();

        var second = await BuildAsync();

        Assert.True(second.Reused);
        Assert.Equal(1, Runs);
    }

    [Fact]
    public async Task BuildAsync_SourceChanged_BuildsAgain()
    {
        await BuildAsync();
        File.AppendAllText(Path.Combine(_project.FullName, "src", "Function.cs"), "// changed");

        var second = await BuildAsync();

        Assert.False(second.Reused);
        Assert.Equal(2, Runs);
    }

    [Fact]
    public async Task BuildAsync_OtherBuildMode_BuildsAgain()
    {
        await BuildAsync(FunctionBuildMode.Aot);

        var second = await BuildAsync(FunctionBuildMode.Jit);

        Assert.False(second.Reused);
    }

    [Fact]
    public async Task BuildAsync_OnlyTestsChanged_ReusesTheBuild()
    {
        await BuildAsync();
        File.AppendAllText(Path.Combine(_project.FullName, "test", "FunctionTests.cs"), "// changed");

        var second = await BuildAsync();

        Assert.True(second.Reused);
    }

    [Fact]
    public async Task BuildAsync_OnlyTheLocalStackChanged_ReusesTheBuild()
    {
        await BuildAsync();
        Directory.CreateDirectory(Path.Combine(_project.FullName, "local", "OrderPipeline.Local"));
        File.WriteAllText(Path.Combine(_project.FullName, "local", "OrderPipeline.Local", "Emulator.cs"), "class Emulator { }");

        var second = await BuildAsync();

        Assert.True(second.Reused);
    }

    [Fact]
    public async Task BuildAsync_MakeFails_ThrowsWithMakesLastLines()
    {
        var request = new FunctionBuildRequest(_project.FullName, "Broken", Path.Combine(_project.FullName, "out", "Broken"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => FunctionBuilder.BuildAsync(request, _ => { }, CancellationToken.None));

        Assert.Contains("compiler says no", error.Message, StringComparison.Ordinal);
        Assert.Contains("exit code", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_TwoBuildsIntoOneFolderAtOnce_MakeRunsOnce()
    {
        var builds = await Task.WhenAll(BuildAsync(), BuildAsync());

        Assert.Equal(1, Runs);
        Assert.Single(builds, build => build.Reused);
    }

    public void Dispose() => _project.Delete(recursive: true);

    private Task<FunctionBuildResult> BuildAsync(FunctionBuildMode mode = FunctionBuildMode.Auto, Action<string>? progress = null) =>
        FunctionBuilder.BuildAsync(
            new FunctionBuildRequest(_project.FullName, "Fn", Artifacts, mode), progress ?? (_ => { }), CancellationToken.None);
}
