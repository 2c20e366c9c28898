using OrderPipeline.Local.Stack;
using Xunit;

namespace OrderPipeline.TestHelpers.Functions;

/// <summary>
/// Builds one function for the tests that share this fixture, into <see cref="WorkDirectory"/> (artifacts/test-stack
/// under the repository, per build mode): one build serves every test project of a run (they wait for each other), and
/// later runs reuse it while the function's sources are unchanged. A local stack given that folder as its data
/// directory runs the same builds. Derive one sealed fixture per function and use it as an xunit
/// class or collection fixture: <c>public sealed class ProducerBuild() : FunctionBuildFixture("ProducerFunction");</c>
/// </summary>
public abstract class FunctionBuildFixture : IAsyncLifetime
{
    private readonly string _logicalId;
    private readonly FunctionBuildMode _mode;
    private FunctionBuild? _build;

    protected FunctionBuildFixture(string logicalId, FunctionBuildMode mode = FunctionBuildMode.Auto)
    {
        _logicalId = logicalId;
        _mode = mode;
    }

    /// <exception cref="InvalidOperationException">Read before xunit initialised the fixture.</exception>
    public FunctionBuild Build => _build ?? throw new InvalidOperationException("The fixture has not been initialised.");

    /// <summary>The shared build folder of <paramref name="mode"/>: functions are in its build/&lt;LogicalId&gt;.</summary>
    public static string WorkDirectory(FunctionBuildMode mode = FunctionBuildMode.Auto) =>
        Path.Combine(RepositoryRoot.Find(), "artifacts", "test-stack", FunctionBuilder.MakeVariable(mode));

    public async Task InitializeAsync()
    {
        _build = await FunctionBuild.RunAsync(_logicalId, WorkDirectory(_mode), _mode);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
