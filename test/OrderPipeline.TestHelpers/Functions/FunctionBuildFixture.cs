using Xunit;

namespace OrderPipeline.TestHelpers.Functions;

/// <summary>
/// Builds one function once for the tests that share this fixture, into a fresh temporary folder that is deleted
/// afterwards. Derive one sealed fixture per function and use it as an xunit class or collection fixture:
/// <c>public sealed class ProducerBuild() : FunctionBuildFixture("ProducerFunction");</c>
/// </summary>
public abstract class FunctionBuildFixture : IAsyncLifetime
{
    private readonly string _logicalId;
    private readonly FunctionBuildMode _mode;
    private readonly string _workDirectory =
        Path.Combine(Path.GetTempPath(), "orderpipeline-build-" + Guid.NewGuid().ToString("N"));

    private FunctionBuild? _build;

    protected FunctionBuildFixture(string logicalId, FunctionBuildMode mode = FunctionBuildMode.Auto)
    {
        _logicalId = logicalId;
        _mode = mode;
    }

    /// <exception cref="InvalidOperationException">Read before xunit initialised the fixture.</exception>
    public FunctionBuild Build => _build ?? throw new InvalidOperationException("The fixture has not been initialised.");

    public async Task InitializeAsync()
    {
        _build = await FunctionBuild.RunAsync(_logicalId, _workDirectory, _mode);
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_workDirectory))
        {
            Directory.Delete(_workDirectory, recursive: true);
        }

        return Task.CompletedTask;
    }
}
