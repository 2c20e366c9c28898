using OrderPipeline.Local.Cli.Bench.ColdStart;
using OrderPipeline.Local.Cli.Bench.Pipeline;
using OrderPipeline.Local.Cli.Bench.Reporting;
using OrderPipeline.Local.Cli.Bench.Sqs;
using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.Cli.Bench;

/// <summary><c>bench</c>: runs the selected parts one after the other (never at once, so they do not disturb each other).</summary>
internal static class BenchRunner
{
    public static async Task<BenchReport> ExecuteAsync(BenchOptions options, StackEvents progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var startedAt = DateTimeOffset.UtcNow;
        var machine = MachineInfo.Read(options.TemplateDirectory);
        var coldStarts = options.Parts.HasFlag(BenchParts.ColdStart)
            ? await ColdStartBench.RunAsync(options, progress, cancellationToken).ConfigureAwait(false)
            : null;
        var pipeline = options.Parts.HasFlag(BenchParts.Pipeline)
            ? await PipelineBench.RunAsync(options, progress, cancellationToken).ConfigureAwait(false)
            : null;
        var sqs = options.Parts.HasFlag(BenchParts.Sqs)
            ? await SqsBench.RunAsync(options, progress, cancellationToken).ConfigureAwait(false)
            : null;
        return new BenchReport(machine, options, startedAt, coldStarts, pipeline, sqs);
    }
}
