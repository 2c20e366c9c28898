using System.Globalization;

namespace OrderPipeline.Local.Cli.Bench;

/// <summary>
/// The CPU time a process has used, from <c>/proc/&lt;pid&gt;/stat</c>: <c>utime</c> + <c>stime</c> (fields 14 and 15,
/// in clock ticks of <see cref="TicksPerSecond"/>), all of its threads, its children not included. The second field
/// (the command name, in parentheses) may hold spaces and parentheses, so fields are counted after the last ')'.
/// </summary>
internal static class ProcStat
{
    /// <summary>USER_HZ: the unit of the times in /proc, 100 on every Linux architecture .NET runs on.</summary>
    public const int TicksPerSecond = 100;

    /// <summary>The process' CPU time; null when it is gone (or this is not Linux).</summary>
    public static TimeSpan? ReadCpuTime(int processId)
    {
        try
        {
            return TryParseCpuTime(File.ReadAllText($"/proc/{processId}/stat"), out var cpu) ? cpu : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Reads utime + stime from the text of a stat file; false when it is not one.</summary>
    public static bool TryParseCpuTime(string stat, out TimeSpan cpu)
    {
        ArgumentNullException.ThrowIfNull(stat);
        cpu = TimeSpan.Zero;
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return false;
        }

        // After ") ": field 3 (state) is index 0, so utime (field 14) is index 11 and stime (field 15) index 12.
        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 13
            || !long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
            || !long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var system))
        {
            return false;
        }

        cpu = TimeSpan.FromSeconds((double)(user + system) / TicksPerSecond);
        return true;
    }
}
