using System.Diagnostics;
using System.Runtime.InteropServices;

namespace OrderPipeline.Local.Cli.Bench;

/// <summary>What a run was measured on, so that runs can be compared: the machine, the runtime and the commit.</summary>
/// <param name="Cores">Logical processors this process may use.</param>
/// <param name="CpuModel">The first <c>model name</c> in /proc/cpuinfo.</param>
/// <param name="OperatingSystem">The OS description .NET gives.</param>
/// <param name="DotnetVersion">The runtime's description, such as ".NET 10.0.0".</param>
/// <param name="Commit">The template folder's <c>git rev-parse HEAD</c>, with <c>-dirty</c> when the tree has changes;
/// null outside a git work tree.</param>
internal sealed record MachineInfo(int Cores, string CpuModel, string OperatingSystem, string DotnetVersion, string? Commit)
{
    private const string ModelNameField = "model name";

    public static MachineInfo Read(string repositoryDirectory) => new(
        Environment.ProcessorCount,
        ReadCpuModel(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        ReadCommit(repositoryDirectory));

    /// <summary>The first <c>model name</c> of /proc/cpuinfo text; "unknown" when there is none.</summary>
    public static string CpuModelFrom(string cpuInfo)
    {
        ArgumentNullException.ThrowIfNull(cpuInfo);
        foreach (var line in cpuInfo.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim() == ModelNameField)
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return "unknown";
    }

    private static string ReadCpuModel()
    {
        try
        {
            return CpuModelFrom(File.ReadAllText("/proc/cpuinfo"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    private static string? ReadCommit(string directory)
    {
        var head = Git(directory, "rev-parse", "HEAD");
        if (head is null)
        {
            return null;
        }

        var status = Git(directory, "status", "--porcelain", "--untracked-files=no");
        return string.IsNullOrEmpty(status) ? head : head + "-dirty";
    }

    private static string? Git(string directory, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        try
        {
            using var git = Process.Start(startInfo);
            if (git is null)
            {
                return null;
            }

            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
