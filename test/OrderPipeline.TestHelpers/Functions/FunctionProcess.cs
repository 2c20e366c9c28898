using System.Diagnostics;
using System.Text;

namespace OrderPipeline.TestHelpers.Functions;

/// <summary>
/// A child process (typically a function's <c>bootstrap</c>) whose standard output and error are captured line by
/// line. Disposing kills the whole process tree if it is still running.
/// </summary>
public sealed class FunctionProcess : IAsyncDisposable
{
    private static readonly string[] InheritedVariables = ["PATH", "HOME"];
    private static readonly TimeSpan DisposeTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly CapturedLines _standardOutput = new();
    private readonly CapturedLines _standardError = new();

    private FunctionProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The standard output lines read so far.</summary>
    public IReadOnlyList<string> StandardOutput => _standardOutput.Snapshot();

    /// <summary>The standard error lines read so far.</summary>
    public IReadOnlyList<string> StandardError => _standardError.Snapshot();

    /// <summary>
    /// Starts <paramref name="executablePath"/> in its own folder (as Lambda runs <c>/var/task/bootstrap</c>) with an
    /// environment made only of this process' PATH and HOME plus <paramref name="environment"/>, which wins.
    /// This process' own environment is never changed. Standard input is closed.
    /// </summary>
    public static FunctionProcess Start(
        string executablePath,
        IReadOnlyDictionary<string, string> environment,
        IEnumerable<string>? arguments = null)
    {
        var startInfo = new ProcessStartInfo(executablePath)
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(executablePath)),
        };
        startInfo.Environment.Clear();
        foreach (var name in InheritedVariables)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                startInfo.Environment[name] = value;
            }
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        foreach (var argument in arguments ?? [])
        {
            startInfo.ArgumentList.Add(argument);
        }

        return Start(startInfo);
    }

    /// <summary>Starts a process as configured by the caller; output and input redirection are set here.</summary>
    public static FunctionProcess Start(ProcessStartInfo startInfo)
    {
        startInfo.UseShellExecute = false;
        startInfo.RedirectStandardInput = true;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.StandardOutputEncoding = Encoding.UTF8;
        startInfo.StandardErrorEncoding = Encoding.UTF8;

        var process = new Process { StartInfo = startInfo };
        var started = new FunctionProcess(process);
        process.OutputDataReceived += (_, e) => Capture(started._standardOutput, e.Data);
        process.ErrorDataReceived += (_, e) => Capture(started._standardError, e.Data);
        try
        {
            if (!process.Start())
            {
                throw new InvalidOperationException($"Could not start {startInfo.FileName}.");
            }
        }
        catch
        {
            process.Dispose();
            throw;
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>The first standard output line, read already or still to come, that matches.</summary>
    /// <exception cref="TimeoutException">No such line within <paramref name="timeout"/>.</exception>
    /// <exception cref="EndOfStreamException">The process closed its standard output first.</exception>
    public async Task<string> WaitForOutputLineAsync(
        Func<string, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await _standardOutput.WaitForAsync(predicate).WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No matching output line within {timeout}.{Environment.NewLine}{Describe()}");
        }
    }

    /// <summary>Waits for the process to exit and its output to be read; returns its exit code.</summary>
    /// <exception cref="TimeoutException">Still running after <paramref name="timeout"/> (it is left running).</exception>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Still running after {timeout}.{Environment.NewLine}{Describe()}");
        }

        return _process.ExitCode;
    }

    /// <summary>The command line and all output read so far, for failure messages.</summary>
    public string Describe()
    {
        var text = new StringBuilder()
            .Append(_process.StartInfo.FileName).Append(' ').AppendJoin(' ', _process.StartInfo.ArgumentList)
            .AppendLine().AppendLine("--- stdout ---");
        foreach (var line in StandardOutput)
        {
            text.AppendLine(line);
        }

        text.AppendLine("--- stderr ---");
        foreach (var line in StandardError)
        {
            text.AppendLine(line);
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        using var deadline = new CancellationTokenSource(DisposeTimeout);
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited: nothing to kill.
        }

        await _process.WaitForExitAsync(deadline.Token);
        _process.Dispose();
    }

    private static void Capture(CapturedLines lines, string? line)
    {
        if (line is null)
        {
            lines.Complete();
        }
        else
        {
            lines.Add(line);
        }
    }
}
