using System.Globalization;

namespace OrderPipeline.Local.Cli.Bench;

/// <summary>
/// Memory figures from <c>/proc/&lt;pid&gt;/status</c>: <c>VmHWM</c> is the peak resident set size since the process
/// (or its last exec) began, in kB as the kernel writes it.
/// </summary>
internal static class ProcStatus
{
    public const string PeakResidentField = "VmHWM";

    /// <summary>The process' peak resident memory in bytes; null when it is gone (or this is not Linux).</summary>
    public static long? ReadPeakResidentBytes(int processId)
    {
        try
        {
            return TryParseKilobytes(File.ReadAllText($"/proc/{processId}/status"), PeakResidentField, out var bytes)
                ? bytes
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Reads a <c>Name:   1234 kB</c> line of the status text as bytes; false when it is absent or malformed.</summary>
    public static bool TryParseKilobytes(string status, string field, out long bytes)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(field);
        bytes = 0;
        foreach (var line in status.Split('\n'))
        {
            if (!line.StartsWith(field, StringComparison.Ordinal) || line.Length <= field.Length || line[field.Length] != ':')
            {
                continue;
            }

            var value = line[(field.Length + 1)..].Trim();
            if (!value.EndsWith(" kB", StringComparison.Ordinal)
                || !long.TryParse(value[..^3].TrimEnd(), NumberStyles.None, CultureInfo.InvariantCulture, out var kilobytes))
            {
                return false;
            }

            bytes = kilobytes * 1024;
            return true;
        }

        return false;
    }
}
