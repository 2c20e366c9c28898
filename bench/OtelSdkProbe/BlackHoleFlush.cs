#if PROBE_SDK
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using OpenTelemetry;
#endif

namespace OtelSdkProbe;

/// <summary>
/// What the official SDK does when the collector hangs (a port that accepts and never answers) or is down (a
/// closed port): how long the invocation-end flush, the span's end (Simple processor) and shutdown take.
/// </summary>
internal static class BlackHoleFlush
{
    public static int Run()
    {
#if PROBE_SDK
        Console.WriteLine($"load before: {File.ReadAllText("/proc/loadavg").Trim()}");
        using var hole = new BlackHole();
        var closed = ClosedPort();
        using var source = new ActivitySource(ProbeSpans.SourceName);

        foreach (var (name, endpoint) in new[] { ("hanging collector", hole.TracesEndpoint), ("closed port", closed) })
        {
            foreach (var exportTimeout in new[] { 10_000, 1_000 })
            {
                Batch(source, name, endpoint, exportTimeout, flushTimeout: 100);
                Simple(source, name, endpoint, exportTimeout);
            }
        }

        Console.WriteLine($"load after: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
#else
        Console.Error.WriteLine("blackhole needs a binary with the SDK (no ProbeOnly, or ProbeOnly=sdk)");
        return 2;
#endif
    }

#if PROBE_SDK
    private static void Batch(ActivitySource source, string name, Uri endpoint, int exportTimeout, int flushTimeout)
    {
        var export = new SdkExport(endpoint, ExportProcessorType.Batch, exportTimeout) { FlushTimeoutMilliseconds = flushTimeout };
        for (var invocation = 1; invocation <= 3; invocation++)
        {
            var parent = ProbeSpans.NewInvocationParent();
            var start = Stopwatch.GetTimestamp();
            for (var r = 0; r < 100; r++)
            {
                ProbeSpans.Record(source, parent, [], "m");
            }

            var recorded = Stopwatch.GetTimestamp();
            var flushed = export.Flush();
            var end = Stopwatch.GetTimestamp();
            Print($"batch  {name,-17} export timeout {exportTimeout,5} ms, ForceFlush({flushTimeout}) invocation {invocation}: 100 records {StartupMode.Ms(start, recorded):F1} ms, flush {StartupMode.Ms(recorded, end):F1} ms, returned {flushed}");
        }

        var shutdownStart = Stopwatch.GetTimestamp();
        var shut = export.Shutdown(flushTimeout);
        var shutdownEnd = Stopwatch.GetTimestamp();
        export.Dispose();
        var disposed = Stopwatch.GetTimestamp();
        Print($"batch  {name,-17} export timeout {exportTimeout,5} ms: Shutdown({flushTimeout}) {StartupMode.Ms(shutdownStart, shutdownEnd):F1} ms returned {shut}; Dispose after it {StartupMode.Ms(shutdownEnd, disposed):F1} ms");
    }

    private static void Simple(ActivitySource source, string name, Uri endpoint, int exportTimeout)
    {
        using var export = new SdkExport(endpoint, ExportProcessorType.Simple, exportTimeout) { FlushTimeoutMilliseconds = 100 };
        var start = Stopwatch.GetTimestamp();
        ProbeSpans.Record(source, ProbeSpans.NewInvocationParent(), [], "m");
        var recorded = Stopwatch.GetTimestamp();
        var flushed = export.Flush();
        var end = Stopwatch.GetTimestamp();
        Print($"simple {name,-17} export timeout {exportTimeout,5} ms: 1 record (2 span ends) {StartupMode.Ms(start, recorded):F1} ms, ForceFlush(100) {StartupMode.Ms(recorded, end):F1} ms returned {flushed}");
    }

    private static Uri ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/v1/traces");
    }

    private static void Print(string line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
#endif
}
