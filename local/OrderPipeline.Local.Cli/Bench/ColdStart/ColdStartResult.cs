using OrderPipeline.Local.Cli.Bench.Statistics;
using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.Cli.Bench.ColdStart;

/// <summary>The cold starts of one function in one build mode: milliseconds, and peak resident memory in MiB.</summary>
internal sealed record ColdStartResult(
    string Function,
    FunctionBuildMode Mode,
    IReadOnlyList<ColdStartSample> Samples,
    SampleSummary TotalMs,
    SampleSummary InitMs,
    SampleSummary? PeakResidentMiB,
    SampleSummary? CpuMs)
{
    public static ColdStartResult From(string function, FunctionBuildMode mode, IReadOnlyList<ColdStartSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var memory = samples.Where(sample => sample.PeakResidentBytes is not null)
            .Select(sample => sample.PeakResidentBytes!.Value / 1048576.0).ToList();
        var cpu = samples.Where(sample => sample.Cpu is not null).Select(sample => sample.Cpu!.Value.TotalMilliseconds).ToList();
        return new ColdStartResult(
            function,
            mode,
            samples,
            SampleSummary.Of(samples.Select(sample => sample.Total.TotalMilliseconds)),
            SampleSummary.Of(samples.Select(sample => sample.Init.TotalMilliseconds)),
            memory.Count > 0 ? SampleSummary.Of(memory) : null,
            cpu.Count > 0 ? SampleSummary.Of(cpu) : null);
    }
}
