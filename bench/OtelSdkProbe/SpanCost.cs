using System.Diagnostics;
using System.Globalization;

namespace OtelSdkProbe;

/// <summary>
/// Steady state: invocations of <c>records</c> consumer records (2 spans each), each followed by the export's
/// flush, as the Lambda host's invocation observer would run it. Reports per-record time on the recording thread,
/// the flush time, and bytes allocated per record. The sinks run in this process, on their own threads.
/// </summary>
internal static class SpanCost
{
    public static int Run(string mode, int invocations, int records)
    {
        using var otlp = new OtlpHttpSink();
        using var udp = new UdpSink();
        using var source = new ActivitySource(ProbeSpans.SourceName);
        using var export = ProbeExport.Create(mode, otlp.TracesEndpoint, udp.Address);
        var messageIds = Enumerable.Range(0, records).Select(i => $"msg-{i:D6}").ToArray();
        ActivityLink[] links = [new(ProbeSpans.NewInvocationParent())];
        var warmup = Math.Max(5, invocations / 10);

        var recordUs = new List<double>();
        var flushMs = new List<double>();
        var totalUs = new List<double>();
        var failedFlushes = 0;
        long allocated = 0;
        Console.WriteLine($"load before: {File.ReadAllText("/proc/loadavg").Trim()}");
        for (var i = 0; i < warmup + invocations; i++)
        {
            var parent = ProbeSpans.NewInvocationParent();
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            for (var r = 0; r < records; r++)
            {
                ProbeSpans.Record(source, parent, links, messageIds[r]);
            }

            var recorded = Stopwatch.GetTimestamp();
            var flushed = export.Flush();
            var end = Stopwatch.GetTimestamp();
            if (i < warmup)
            {
                continue;
            }

            allocated += GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            failedFlushes += flushed ? 0 : 1;
            recordUs.Add(StartupMode.Ms(start, recorded) * 1000 / records);
            flushMs.Add(StartupMode.Ms(recorded, end));
            totalUs.Add(StartupMode.Ms(start, end) * 1000 / records);
        }

        Console.WriteLine($"load after: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mode}: {invocations} invocations x {records} records (2 spans each), after {warmup} warm-up; median [p10 .. p90] max"));
        Console.WriteLine($"  record, recording thread (us/record):   {ColdStartDriver.Summary(recordUs)}");
        Console.WriteLine($"  flush at invocation end (ms):          {ColdStartDriver.Summary(flushMs)}");
        Console.WriteLine($"  record + flush share (us/record):      {ColdStartDriver.Summary(totalUs)}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  allocated on the recording thread: {allocated / (double)(invocations * records):F0} B/record; flushes that failed: {failedFlushes}"));
        Console.WriteLine($"  sink: {otlp.Requests} OTLP/HTTP requests, {otlp.BodyBytes} body bytes; {udp.Datagrams} UDP datagrams");
        return 0;
    }
}
