using OrderPipeline.Local.Stack;

namespace OrderPipeline.TestHelpers.Functions;

/// <summary>A function built by its Makefile target into a folder of its own: what <c>sam build</c> would deploy.</summary>
public sealed class FunctionBuild
{
    public const string BootstrapFileName = FunctionBuilder.BootstrapFileName;

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(20);

    private FunctionBuild(string logicalId, string artifactsDirectory)
    {
        LogicalId = logicalId;
        ArtifactsDirectory = artifactsDirectory;
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

    /// <summary>Where <see cref="RunAsync"/> leaves the build of <paramref name="logicalId"/>.</summary>
    public static string ArtifactsDirectoryFor(string workDirectory, string logicalId) =>
        Path.Combine(Path.GetFullPath(workDirectory), "build", logicalId);

    /// <summary>
    /// Builds with the local stack's <see cref="FunctionBuilder"/> (<c>make build-&lt;logicalId&gt;</c>) into
    /// <paramref name="workDirectory"/>/build/&lt;logicalId&gt; (where the local stack, given that folder as its data
    /// directory, finds it), the dotnet intermediates in <paramref name="workDirectory"/>/dotnet,
    /// reusing an earlier build there whose sources have not changed. Builds into one work folder are serialised
    /// across processes; builds into different ones share nothing. The default timeout is 20 minutes.
    /// </summary>
    /// <exception cref="InvalidOperationException">make failed or left no bootstrap; the message holds its output.</exception>
    public static async Task<FunctionBuild> RunAsync(
        string logicalId,
        string workDirectory,
        FunctionBuildMode mode = FunctionBuildMode.Auto,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var work = Path.GetFullPath(workDirectory);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout ?? DefaultTimeout);
        var request = new FunctionBuildRequest(
            RepositoryRoot.Find(), logicalId, ArtifactsDirectoryFor(work, logicalId), mode, Path.Combine(work, "dotnet"));
        var result = await FunctionBuilder.BuildAsync(request, _ => { }, limit.Token);
        return new FunctionBuild(logicalId, result.ArtifactsDirectory);
    }
}
