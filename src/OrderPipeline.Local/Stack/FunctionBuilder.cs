using System.Diagnostics;

namespace OrderPipeline.Local.Stack;

/// <summary>
/// Builds a function as <c>sam build</c> does for <c>BuildMethod: makefile</c>: <c>make build-&lt;LogicalId&gt;</c>
/// in the template's folder with ARTIFACTS_DIR set, leaving an executable <c>bootstrap</c> there.
/// </summary>
internal static class FunctionBuilder
{
    public const string BootstrapFileName = "bootstrap";

    /// <summary>Runs the build, passing each output line to <paramref name="progress"/>; returns the bootstrap's path.</summary>
    /// <exception cref="InvalidOperationException">make failed or left no bootstrap.</exception>
    public static async Task<string> BuildAsync(
        string templateDirectory, string logicalId, string artifactsDirectory, Action<string> progress, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(artifactsDirectory);
        var startInfo = new ProcessStartInfo("make")
        {
            WorkingDirectory = templateDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("build-" + logicalId);
        startInfo.ArgumentList.Add("ARTIFACTS_DIR=" + artifactsDirectory);
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Forward(progress, e.Data);
        process.ErrorDataReceived += (_, e) => Forward(progress, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);

        var bootstrap = Path.Combine(artifactsDirectory, BootstrapFileName);
        if (process.ExitCode != 0 || !File.Exists(bootstrap))
        {
            throw new InvalidOperationException($"make build-{logicalId} failed (exit code {process.ExitCode}).");
        }

        return bootstrap;
    }

    private static void Forward(Action<string> progress, string? line)
    {
        if (line is not null)
        {
            progress(line);
        }
    }
}
