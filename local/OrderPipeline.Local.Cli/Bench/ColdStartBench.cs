using OrderPipeline.Local.Lambda;
using OrderPipeline.Local.Stack;
using OrderPipeline.Local.Stack.Template;

namespace OrderPipeline.Local.Cli.Bench;

/// <summary>
/// Cold-starts every function of the template in every build mode and trace export, each time in a fresh process under
/// the local Lambda service (a new <see cref="FunctionPool"/> per run): one real invocation, then VmHWM and CPU from
/// /proc, then the process is stopped. Runs are interleaved (run 1 of every mode, export and function, then run 2, …)
/// so that a noisy neighbour hurts every one alike; one run of each, first, warms the page cache and is not counted.
/// </summary>
internal static class ColdStartBench
{
    public static async Task<IReadOnlyList<ColdStartResult>> RunAsync(
        BenchOptions options, StackEvents progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        await using var environment = await ColdStartEnvironment.StartAsync(options.TemplatePath, cancellationToken).ConfigureAwait(false);
        var functions = environment.Template.Functions.Where(ColdStartEvents.CanInvoke)
            .OrderBy(function => function.ApiEvents.Count > 0 ? 0 : 1).ToList();
        var targets = new List<(FunctionDefinition Definition, FunctionBuildMode Mode, TraceExport Export, LocalFunction Function)>();
        foreach (var mode in options.Modes)
        {
            var builds = await BenchBuilds.BuildAsync(options, environment.Template, mode, progress, cancellationToken).ConfigureAwait(false);
            foreach (var function in functions)
            {
                var local = ColdStartEnvironment.FunctionFor(function, builds.Single(build => build.LogicalId == function.LogicalId));
                targets.AddRange(options.Exports.Select(export =>
                    (function, mode, export, local with { Environment = TraceExports.Environment(local.Environment, export) })));
            }
        }

        using var events = new ColdStartEvents(environment, options);
        var samples = targets.ToDictionary(target => target.Function, _ => new List<ColdStartSample>());
        for (var run = 0; run <= options.Runs; run++)
        {
            progress.Status(run == 0 ? "Cold starts: warm-up run (not counted)" : $"Cold starts: run {run} of {options.Runs}");
            foreach (var (definition, _, _, function) in targets)
            {
                var payload = await events.ForAsync(definition, cancellationToken).ConfigureAwait(false);
                var sample = await ColdStartOnceAsync(function, environment.Settings, payload, progress, cancellationToken)
                    .ConfigureAwait(false);
                if (run > 0)
                {
                    samples[function].Add(sample);
                }
            }
        }

        return [.. targets.Select(target =>
            ColdStartResult.From(target.Definition.LogicalId, target.Mode, samples[target.Function], target.Export))];
    }

    private static async Task<ColdStartSample> ColdStartOnceAsync(
        LocalFunction function, LambdaServiceSettings settings, byte[] payload, StackEvents progress, CancellationToken cancellationToken)
    {
        await using var pool = new FunctionPool(function, settings, progress.FunctionLog);
        var result = await pool.InvokeAsync(payload, ColdStartEvents.NewTraceHeader(), cancellationToken).ConfigureAwait(false);
        if (result.Error is { } error)
        {
            throw new InvalidOperationException(
                $"{function.LogicalId} ({function.ExecutablePath}) failed its cold-start invocation: {error.ErrorType}: {error.ErrorMessage}");
        }

        var processId = pool.ProcessIds() is [var only] ? only : (int?)null;
        var init = result.InitDuration ?? TimeSpan.Zero;
        return new ColdStartSample(
            init + result.Duration,
            init,
            processId is { } pid ? ProcStatus.ReadPeakResidentBytes(pid) : null,
            processId is { } id ? ProcStat.ReadCpuTime(id) : null);
    }
}

/// <summary>One cold start, measured by the local Lambda service and read from /proc before the process stopped.</summary>
/// <param name="Total">From the process' start to its first response posted to the Runtime API.</param>
/// <param name="Init">From the process' start to its first <c>GET /next</c>.</param>
/// <param name="PeakResidentBytes">VmHWM after the first response; null if it could not be read.</param>
/// <param name="Cpu">The process' user + system CPU after the first response; null if it could not be read.</param>
internal sealed record ColdStartSample(TimeSpan Total, TimeSpan Init, long? PeakResidentBytes, TimeSpan? Cpu);

/// <summary>The cold starts of one function in one build mode and trace export: milliseconds, and peak resident memory in MiB.</summary>
internal sealed record ColdStartResult(
    string Function,
    FunctionBuildMode Mode,
    IReadOnlyList<ColdStartSample> Samples,
    SampleSummary TotalMs,
    SampleSummary InitMs,
    SampleSummary? PeakResidentMiB,
    SampleSummary? CpuMs,
    TraceExport Export = TraceExport.XRay)
{
    public static ColdStartResult From(
        string function, FunctionBuildMode mode, IReadOnlyList<ColdStartSample> samples, TraceExport export = TraceExport.XRay)
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
            cpu.Count > 0 ? SampleSummary.Of(cpu) : null,
            export);
    }
}
