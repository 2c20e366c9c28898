using System.Diagnostics;

namespace OrderPipeline.Local.Stack;

/// <summary>
/// Builds a function as <c>sam build</c> does for <c>BuildMethod: makefile</c>: <c>make build-&lt;LogicalId&gt;</c>
/// in the template's folder with ARTIFACTS_DIR set, leaving an executable <c>bootstrap</c> there. A build whose
/// inputs (see <see cref="SourceStamp"/>) have not changed since it was made is reused. Builds into one folder are
/// serialised across processes by a lock file beside it, so parallel test runs share one build.
/// </summary>
public static class FunctionBuilder
{
    public const string BootstrapFileName = "bootstrap";
    private const string StampFileName = ".source-stamp";

    /// <summary>Builds, or reuses an up-to-date build; passes make's output lines to <paramref name="progress"/>.</summary>
    /// <exception cref="InvalidOperationException">make failed or left no bootstrap; the message holds make's last lines.</exception>
    public static async Task<FunctionBuildResult> BuildAsync(
        FunctionBuildRequest request, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        var artifacts = Path.GetFullPath(request.ArtifactsDirectory);
        Directory.CreateDirectory(artifacts);
        await using var buildLock = await AcquireLockAsync(artifacts + ".lock", cancellationToken).ConfigureAwait(false);

        var stampPath = Path.Combine(artifacts, StampFileName);
        var stamp = SourceStamp.Compute(request.TemplateDirectory, request.Mode);
        var bootstrap = Path.Combine(artifacts, BootstrapFileName);
        if (File.Exists(bootstrap) && File.Exists(stampPath)
            && await File.ReadAllTextAsync(stampPath, cancellationToken).ConfigureAwait(false) == stamp)
        {
            return new FunctionBuildResult(request.LogicalId, artifacts, Reused: true);
        }

        File.Delete(stampPath);
        var (exitCode, tail) = await RunMakeAsync(request, artifacts, progress, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0 || !File.Exists(bootstrap))
        {
            throw new InvalidOperationException(
                $"make build-{request.LogicalId} failed (exit code {exitCode}, bootstrap "
                + $"{(File.Exists(bootstrap) ? "present" : "missing")}):{Environment.NewLine}{string.Join(Environment.NewLine, tail)}");
        }

        await File.WriteAllTextAsync(stampPath, stamp, cancellationToken).ConfigureAwait(false);
        return new FunctionBuildResult(request.LogicalId, artifacts, Reused: false);
    }

    /// <summary>
    /// Removes MSBuild's variables, which <c>dotnet run</c> and <c>dotnet test</c> set for their own build and which
    /// would steer a child <c>dotnet publish</c>.
    /// </summary>
    public static void RemoveMSBuildVariables(IDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        foreach (var name in environment.Keys.Where(name => name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            environment.Remove(name);
        }
    }

    public static string MakeVariable(FunctionBuildMode mode) => mode switch
    {
        FunctionBuildMode.Auto => "auto",
        FunctionBuildMode.Aot => "aot",
        FunctionBuildMode.ReadyToRun => "r2r",
        FunctionBuildMode.Jit => "jit",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown build mode."),
    };

    private static async Task<(int ExitCode, IReadOnlyCollection<string> Tail)> RunMakeAsync(
        FunctionBuildRequest request, string artifacts, Action<string> progress, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo("make")
        {
            WorkingDirectory = request.TemplateDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("--no-print-directory");
        startInfo.ArgumentList.Add("build-" + request.LogicalId);
        startInfo.ArgumentList.Add("ARTIFACTS_DIR=" + artifacts);
        startInfo.ArgumentList.Add("BUILD_MODE=" + MakeVariable(request.Mode));
        if (request.DotnetArtifactsDirectory is { } intermediates)
        {
            startInfo.ArgumentList.Add("DOTNET_ARTIFACTS=" + Path.GetFullPath(intermediates));
        }

        RemoveMSBuildVariables(startInfo.Environment);
        var tail = new Queue<string>();
        void Forward(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > 40)
                {
                    tail.Dequeue();
                }
            }

            progress(line);
        }

        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        lock (tail)
        {
            return (process.ExitCode, tail.ToArray());
        }
    }

    private static async Task<FileStream> AcquireLockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

/// <summary>One <c>make build-&lt;LogicalId&gt;</c>, as <c>sam build</c> runs it for <c>BuildMethod: makefile</c>.</summary>
/// <param name="TemplateDirectory">The folder of template.yaml and its Makefile; make runs there.</param>
/// <param name="LogicalId">The function's logical id.</param>
/// <param name="ArtifactsDirectory">ARTIFACTS_DIR: where the build leaves the <c>bootstrap</c>.</param>
/// <param name="Mode">Passed as BUILD_MODE.</param>
/// <param name="DotnetArtifactsDirectory">Passed as DOTNET_ARTIFACTS (the intermediates); null for the Makefile's default.</param>
public sealed record FunctionBuildRequest(
    string TemplateDirectory,
    string LogicalId,
    string ArtifactsDirectory,
    FunctionBuildMode Mode = FunctionBuildMode.Auto,
    string? DotnetArtifactsDirectory = null);

/// <summary>A function's build: its <c>bootstrap</c>, and whether an up-to-date earlier build was reused.</summary>
public sealed record FunctionBuildResult(string LogicalId, string ArtifactsDirectory, bool Reused)
{
    public string BootstrapPath => Path.Combine(ArtifactsDirectory, FunctionBuilder.BootstrapFileName);
}

/// <summary>The Makefile's BUILD_MODE: how a function becomes its <c>bootstrap</c>.</summary>
public enum FunctionBuildMode
{
    /// <summary>Native AOT where the host can link it (Linux x86_64 with gcc or clang), else ReadyToRun.</summary>
    Auto,

    /// <summary>One native executable.</summary>
    Aot,

    /// <summary>A self-contained ReadyToRun app started by a shell-script bootstrap.</summary>
    ReadyToRun,

    /// <summary>A framework-dependent build run by the JIT: quickest to build, slowest to start; local use only.</summary>
    Jit,
}
