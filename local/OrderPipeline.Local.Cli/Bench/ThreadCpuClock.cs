using System.Runtime.InteropServices;

namespace OrderPipeline.Local.Cli.Bench;

/// <summary>
/// The calling thread's CPU time, from <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c> (nanosecond resolution, a vDSO
/// call): what .NET has no API for. Linux only.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTime = 3;

    /// <summary>Nanoseconds of CPU the calling thread has used; 0 if the clock cannot be read.</summary>
    public static long NowNanoseconds() =>
        ClockGetTime(ClockThreadCpuTime, out var time) == 0 ? (time.Seconds * 1_000_000_000) + time.Nanoseconds : 0;

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
