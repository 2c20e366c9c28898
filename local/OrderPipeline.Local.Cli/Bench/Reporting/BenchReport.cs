using OrderPipeline.Local.Cli.Bench.ColdStart;
using OrderPipeline.Local.Cli.Bench.Pipeline;
using OrderPipeline.Local.Cli.Bench.Sqs;

namespace OrderPipeline.Local.Cli.Bench.Reporting;

/// <summary>Everything one <c>bench</c> run measured; a part that did not run is null.</summary>
internal sealed record BenchReport(
    MachineInfo Machine,
    BenchOptions Options,
    DateTimeOffset StartedAt,
    IReadOnlyList<ColdStartResult>? ColdStarts,
    PipelineResult? Pipeline,
    SqsResult? Sqs);
