using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OrderPipeline.Local.Stack;

/// <summary>
/// A digest of what a function build reads: the path, size and write time of every build input under the template's
/// folder (C# sources, project and props files, JSON, the Makefile), and the build mode. Build outputs, version control,
/// tests and benchmarks are not inputs of a function, so their folders are skipped.
/// </summary>
internal static class SourceStamp
{
    private static readonly HashSet<string> InputExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".cs", ".csproj", ".props", ".targets", ".json",
    };

    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "bin", "obj", "artifacts", ".git", ".vs", ".idea", ".aws-sam", ".orderpipeline", "node_modules", "TestResults",
        "BenchmarkDotNet.Artifacts", "test", "tests", "bench",
        // The local stack and its tests: the functions never link them (ARCHITECTURE.md), so editing them keeps the builds.
        "local",
    };

    public static string Compute(string root, FunctionBuildMode mode)
    {
        var lines = new List<string> { "mode " + mode };
        Collect(new DirectoryInfo(root), root, lines);
        lines.Sort(StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
    }

    private static void Collect(DirectoryInfo folder, string root, List<string> lines)
    {
        foreach (var file in folder.EnumerateFiles())
        {
            if (InputExtensions.Contains(file.Extension) || file.Name == "Makefile")
            {
                lines.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{Path.GetRelativePath(root, file.FullName)} {file.Length} {file.LastWriteTimeUtc.Ticks}"));
            }
        }

        foreach (var child in folder.EnumerateDirectories())
        {
            if (!SkippedFolders.Contains(child.Name) && !child.Attributes.HasFlag(FileAttributes.ReparsePoint))
            {
                Collect(child, root, lines);
            }
        }
    }
}
