namespace OrderPipeline.TestHelpers.Functions;

/// <summary>A function built by its Makefile target into a folder of its own: what <c>sam build</c> would deploy.</summary>
public sealed class FunctionBuild
{
    public const string BootstrapFileName = "bootstrap";

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(20);

    private FunctionBuild(string logicalId, string artifactsDirectory, MakeResult make)
    {
        LogicalId = logicalId;
        ArtifactsDirectory = artifactsDirectory;
        Make = make;
    }

    /// <summary>The function's logical id in template.yaml, e.g. <c>ProducerFunction</c>.</summary>
    public string LogicalId { get; }

    /// <summary>The ARTIFACTS_DIR the target filled: the function's whole deployment package.</summary>
    public string ArtifactsDirectory { get; }

    public string BootstrapPath => Path.Combine(ArtifactsDirectory, BootstrapFileName);

    /// <summary>
    /// The ELF executable that runs: the bootstrap itself when it is a Native AOT binary, otherwise the app host that a
    /// ReadyToRun bootstrap script starts (named after the project, like <paramref name="projectName"/>).
    /// </summary>
    public string ExecutablePath(string projectName)
    {
        Span<byte> magic = stackalloc byte[4];
        using (var bootstrap = File.OpenRead(BootstrapPath))
        {
            bootstrap.ReadExactly(magic);
        }

        return magic.SequenceEqual("\u007fELF"u8) ? BootstrapPath : Path.Combine(ArtifactsDirectory, projectName);
    }

    public MakeResult Make { get; }

    /// <summary>
    /// Runs <c>make build-&lt;logicalId&gt;</c> with ARTIFACTS_DIR = <paramref name="workDirectory"/>/artifact and
    /// the dotnet intermediates in <paramref name="workDirectory"/>/dotnet, so that builds into different work
    /// folders share nothing and may run at the same time. Takes minutes: run it once per test run, from a fixture
    /// (see <see cref="FunctionBuildFixture"/>). The default timeout is 20 minutes.
    /// </summary>
    /// <exception cref="InvalidOperationException">make failed or left no bootstrap; the message holds its output.</exception>
    public static async Task<FunctionBuild> RunAsync(
        string logicalId,
        string workDirectory,
        FunctionBuildMode mode = FunctionBuildMode.Auto,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var artifactsDirectory = Path.Combine(Path.GetFullPath(workDirectory), "artifact");
        string[] arguments =
        [
            "build-" + logicalId,
            "ARTIFACTS_DIR=" + artifactsDirectory,
            "DOTNET_ARTIFACTS=" + Path.Combine(Path.GetFullPath(workDirectory), "dotnet"),
            "BUILD_MODE=" + MakeVariable(mode),
        ];
        var make = await RepositoryMake.RunAsync(arguments, timeout ?? DefaultTimeout, cancellationToken);
        var build = new FunctionBuild(logicalId, artifactsDirectory, make);
        if (make.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"make build-{logicalId} failed with exit code {make.ExitCode}:{Environment.NewLine}{make.Output}");
        }

        if (!File.Exists(build.BootstrapPath))
        {
            throw new InvalidOperationException(
                $"make build-{logicalId} left no {build.BootstrapPath}:{Environment.NewLine}{make.Output}");
        }

        return build;
    }

    private static string MakeVariable(FunctionBuildMode mode) => mode switch
    {
        FunctionBuildMode.Auto => "auto",
        FunctionBuildMode.Aot => "aot",
        FunctionBuildMode.ReadyToRun => "r2r",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown build mode."),
    };
}
