using System.Diagnostics;
using System.Globalization;

namespace OtelSdkProbe;

/// <summary>
/// One process start: builds the export, records one consumer record (2 spans), flushes, prints its timings and
/// exits. Times are taken from <c>PROBE_LAUNCH_TS</c>, the driver's <see cref="Stopwatch"/> timestamp just before it
/// started this process (CLOCK_MONOTONIC in nanoseconds on Linux, the same clock in both processes).
/// </summary>
internal static class StartupMode
{
    public static int Run(string mode)
    {
        var main = Stopwatch.GetTimestamp();
        var launch = long.TryParse(Environment.GetEnvironmentVariable("PROBE_LAUNCH_TS"), CultureInfo.InvariantCulture, out var given) ? given : main;
        var endpoint = new Uri(Environment.GetEnvironmentVariable("PROBE_OTLP_ENDPOINT") ?? "http://127.0.0.1:4318/v1/traces");
        var daemon = Environment.GetEnvironmentVariable("PROBE_DAEMON_ADDRESS") ?? "127.0.0.1:2000";

        using var source = new ActivitySource(ProbeSpans.SourceName);
        using var export = ProbeExport.Create(mode, endpoint, daemon);
        var ready = Stopwatch.GetTimestamp();
        ProbeSpans.Record(source, ProbeSpans.NewInvocationParent(), [new ActivityLink(ProbeSpans.NewInvocationParent())], "m-1");
        var recorded = Stopwatch.GetTimestamp();
        var sent = export.Flush();
        var exported = Stopwatch.GetTimestamp();

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{mode} main_ms={Ms(launch, main):F3} ready_ms={Ms(launch, ready):F3} recorded_ms={Ms(launch, recorded):F3} exported_ms={Ms(launch, exported):F3} sent={sent}"));
        return sent ? 0 : 1;
    }

    internal static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;
}

/// <summary>
/// Starts child processes of the given binaries and modes in rotating order (round r begins with entry r), so a
/// burst of load on the shared machine falls on every mode alike; hosts the OTLP/HTTP and UDP sinks they send to.
/// Prints the median and spread of each timing per entry.
/// </summary>
internal static class ColdStartDriver
{
    private static readonly string[] Timings = ["main_ms", "ready_ms", "exported_ms", "wall_ms"];

    /// <param name="args">rounds, then entries <c>binary:mode</c>.</param>
    public static int Run(string[] args)
    {
        var rounds = int.Parse(args[0], CultureInfo.InvariantCulture);
        var entries = args[1..].Select(entry =>
        {
            var colon = entry.LastIndexOf(':');
            return (Binary: Path.GetFullPath(entry[..colon]), Mode: entry[(colon + 1)..], Label: $"{Path.GetFileName(entry[..colon])} {entry[(colon + 1)..]}");
        }).ToArray();

        using var otlp = new OtlpHttpSink();
        using var udp = new UdpSink();
        var results = entries.ToDictionary(e => e.Label, _ => Timings.ToDictionary(t => t, _ => new List<double>()));
        Console.WriteLine($"load before: {File.ReadAllText("/proc/loadavg").Trim()}");

        // One discarded run of each first: the binaries' pages come from the page cache in every measured run.
        foreach (var entry in entries)
        {
            RunOnce(entry.Binary, entry.Mode, otlp, udp);
        }

        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < entries.Length; i++)
            {
                var entry = entries[(round + i) % entries.Length];
                var timings = RunOnce(entry.Binary, entry.Mode, otlp, udp);
                foreach (var (name, value) in timings)
                {
                    results[entry.Label][name].Add(value);
                }
            }
        }

        Console.WriteLine($"load after: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"sink: {otlp.Requests} OTLP/HTTP requests, {otlp.BodyBytes} body bytes; {udp.Datagrams} UDP datagrams");
        Console.WriteLine($"{rounds} rounds; each cell: median [p10 .. p90] max in ms since the driver called Process.Start");
        Console.WriteLine($"{"entry",-26} {string.Join(" ", Timings.Select(t => $"{t,-32}"))}");
        foreach (var entry in entries)
        {
            var cells = Timings.Select(t => Summary(results[entry.Label][t]));
            Console.WriteLine($"{entry.Label,-26} {string.Join(" ", cells.Select(c => $"{c,-32}"))}");
        }

        return 0;
    }

    private static Dictionary<string, double> RunOnce(string binary, string mode, OtlpHttpSink otlp, UdpSink udp)
    {
        var info = new ProcessStartInfo(binary, ["start", mode])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.Environment["PROBE_OTLP_ENDPOINT"] = otlp.TracesEndpoint.ToString();
        info.Environment["PROBE_DAEMON_ADDRESS"] = udp.Address;
        var launch = Stopwatch.GetTimestamp();
        info.Environment["PROBE_LAUNCH_TS"] = launch.ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {binary}");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var wall = StartupMode.Ms(launch, Stopwatch.GetTimestamp());
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{binary} {mode} exited with {process.ExitCode}: {output}");
        }

        var timings = new Dictionary<string, double> { ["wall_ms"] = wall };
        foreach (var field in output.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = field.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && Timings.Contains(field[..equals]))
            {
                timings[field[..equals]] = double.Parse(field[(equals + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return timings;
    }

    internal static string Summary(List<double> values)
    {
        if (values.Count == 0)
        {
            return "-";
        }

        var sorted = values.Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture, $"{Percentile(sorted, 0.5):F2} [{Percentile(sorted, 0.1):F2} .. {Percentile(sorted, 0.9):F2}] {sorted[^1]:F2}");
    }

    internal static double Percentile(double[] sorted, double p) => sorted[(int)Math.Round(p * (sorted.Length - 1))];
}
