using System.Globalization;
using OrderPipeline.Local.Cli.Bench.Pipeline;
using OrderPipeline.Local.Cli.Bench.Sqs;
using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.Cli.Bench;

/// <summary>Prints a <see cref="BenchReport"/> as aligned tables (styled only when <see cref="ConsoleStyle"/> says so).</summary>
internal static class BenchTable
{
    public static void Print(BenchReport report, TextWriter output, ConsoleStyle style)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(style);
        var machine = report.Machine;
        output.WriteLine(style.Bold("Machine"));
        output.WriteLine(F($"  {machine.Cores} cores, {machine.CpuModel}; {machine.OperatingSystem}; {machine.DotnetVersion}; commit {machine.Commit ?? "unknown"}"));
        if (report.ColdStarts is { } coldStarts)
        {
            output.WriteLine();
            output.WriteLine(style.Bold(F($"Cold start: process start to first response, {report.Options.Runs} runs each (ms; peak RSS in MiB)")));
            output.WriteLine(F($"  {"function",-20} {"mode",-4} {"export",-8} {"median",8} {"p90",8} {"min",8} {"max",8} {"init med",9} {"RSS med",8} {"RSS max",8} {"CPU med",8}"));
            foreach (var result in coldStarts)
            {
                output.WriteLine(F(
                    $"  {result.Function,-20} {FunctionBuilder.MakeVariable(result.Mode),-4} {TraceExports.Name(result.Export),-8} {result.TotalMs.Median,8:0.0} {result.TotalMs.P90,8:0.0} {result.TotalMs.Min,8:0.0} {result.TotalMs.Max,8:0.0} {result.InitMs.Median,9:0.0} {result.PeakResidentMiB?.Median,8:0.0} {result.PeakResidentMiB?.Max,8:0.0} {result.CpuMs?.Median,8:0}"));
            }

            foreach (var function in coldStarts.Select(result => result.Function).Distinct())
            {
                var aot = coldStarts.FirstOrDefault(r => r.Function == function && r.Mode == FunctionBuildMode.Aot && r.Export == TraceExport.XRay);
                var jit = coldStarts.FirstOrDefault(r => r.Function == function && r.Mode == FunctionBuildMode.Jit && r.Export == TraceExport.XRay);
                if (aot is not null && jit is not null)
                {
                    output.WriteLine(F($"  {function}: AOT median is {aot.TotalMs.Median / jit.TotalMs.Median:0.00} of JIT's (goal at most 0.35)"));
                }

                foreach (var otlp in coldStarts.Where(r => r.Function == function && r.Export != TraceExport.XRay))
                {
                    var xray = coldStarts.FirstOrDefault(r => r.Function == function && r.Mode == otlp.Mode && r.Export == TraceExport.XRay);
                    if (xray is not null)
                    {
                        output.WriteLine(F(
                            $"  {function} ({FunctionBuilder.MakeVariable(otlp.Mode)}): {TraceExports.Name(otlp.Export)} median {otlp.TotalMs.Median - xray.TotalMs.Median:+0.0;-0.0} ms against xray's (goal at most +10 ms)"));
                    }
                }
            }
        }

        if (report.Pipeline is { } pipeline)
        {
            PrintPipeline(pipeline, output, style);
        }

        if (report.Sqs is { } sqs)
        {
            PrintSqs(sqs, output, style);
        }
    }

    private static void PrintPipeline(PipelineResult pipeline, TextWriter output, ConsoleStyle style)
    {
        output.WriteLine();
        output.WriteLine(style.Bold(F($"Pipeline ({FunctionBuilder.MakeVariable(pipeline.Mode)}): {pipeline.Orders} orders at concurrency {pipeline.Concurrency}")));
        foreach (var limit in pipeline.Limits)
        {
            output.WriteLine(style.Dim("  limit: " + limit));
        }

        output.WriteLine(F($"  accepted  {pipeline.Accepted} in {pipeline.Submitting.TotalSeconds:0.00} s: {pipeline.AcceptedPerSecond:0} orders/s"));
        output.WriteLine(pipeline.ProcessedPerSecond is { } processed
            ? F($"  processed {pipeline.Processed} (every one traced and linked), all {pipeline.AllProcessedAfter!.Value.TotalSeconds:0.00} s after the first was sent: {processed:0} orders/s")
            : F($"  processed {pipeline.Processed} of {pipeline.Accepted} before the time-out"));
        if (pipeline.LatencyMs is { } latency)
        {
            output.WriteLine(F($"  accept-to-processed latency: p50 {latency.Median:0} ms, p99 {latency.P99:0} ms, max {latency.Max:0} ms"));
            output.WriteLine(style.Dim("  (" + PipelineResult.LatencySource + ")"));
        }

        output.WriteLine(F($"  CPU per order: {pipeline.StackMillisecondsPerOrder:0.00} ms for the stack"));
        foreach (var share in pipeline.CpuPerOrder)
        {
            output.WriteLine(F($"    {share.Component,-32} {share.MillisecondsPerOrder,8:0.000} ms  {share.Method}"));
        }

        output.WriteLine(style.Dim("  process: exact, /proc/<pid>/stat of the function processes. thread-attribution: approximate, thread CPU"));
        output.WriteLine(style.Dim("  time charged to the part whose work the thread runs. remainder: this process' total minus what was attributed"));
        output.WriteLine(style.Dim("  (socket I/O completions, GC, timers, reading the functions' output)."));
    }

    private static void PrintSqs(SqsResult sqs, TextWriter output, ConsoleStyle style)
    {
        output.WriteLine();
        output.WriteLine(style.Bold(F($"SQS SendMessage: {sqs.Messages} calls, {sqs.Concurrency} in flight")));
        output.WriteLine(F($"  endpoint CPU per call  {sqs.EndpointCpuMs:0.000} ms (driven by a raw client: {sqs.RawClientPerSecond:0}/s)"));
        output.WriteLine(F($"  SDK client CPU per call {sqs.ClientCpuMs:0.000} ms (against a canned stand-in: {sqs.ClientPerSecondStandIn:0}/s)"));
        output.WriteLine(F($"  endpoint / client       {sqs.EndpointToClient:0.00} (goal at most {SqsResult.Goal:0.00})"));
        output.WriteLine(style.Bold(F($"  As a client sees it: an AWSSDK.SQS client process against this one, {sqs.SdkClientRounds.Count} rounds (median, min–max)")));
        output.WriteLine(F($"  serving process CPU per call {Spread(sqs.StackCpuMs, "0.000")} ms"));
        output.WriteLine(F($"  client process CPU per call  {Spread(sqs.SdkClientCpuMs, "0.000")} ms"));
        output.WriteLine(F($"  serving / client             {Spread(sqs.StackToClient, "0.00")} (goal at most {SqsResult.StackGoal:0.00})"));
        output.WriteLine(F($"  calls per second             {Spread(sqs.ClientPerSecondEndpoint, "0")}"));
    }

    private static string Spread(SampleSummary summary, string format) =>
        string.Format(CultureInfo.InvariantCulture, $"{{0:{format}}} ({{1:{format}}}–{{2:{format}}})", summary.Median, summary.Min, summary.Max);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
