using OrderPipeline.Local.Cli.Bench.Pipeline;
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

/// <summary>What <c>bench</c> measures, and how much of it.</summary>
/// <param name="TemplatePath">template.yaml; the functions are built with the Makefile beside it.</param>
/// <param name="DataDirectory">Builds go under <c>&lt;mode&gt;/build/&lt;LogicalId&gt;</c> here, one folder per build mode.</param>
/// <param name="ApiEventPath">The API Gateway event a function with an <c>Api</c> event is cold-started with, and whose
/// request the pipeline part sends (events/api-post-order.json).</param>
/// <param name="SqsEventPath">An SQS event whose first record's body is sent to the queue when a function with an
/// <c>SQS</c> event must be cold-started and the queue is empty (events/sqs-orders.json).</param>
/// <param name="Parts">Which parts to run.</param>
/// <param name="Modes">The build modes to cold-start, each of them <paramref name="Runs"/> times per function.</param>
/// <param name="Runs">Cold starts per function and mode (each a fresh process), after one that is not counted.</param>
/// <param name="PipelineMode">The build mode of the functions in the pipeline part.</param>
/// <param name="Orders">Orders the pipeline part submits (after a warm-up of <paramref name="Concurrency"/> orders).</param>
/// <param name="Concurrency">Requests in flight in the pipeline part, and instances per function.</param>
/// <param name="SqsMessages">SendMessage calls per SQS measurement.</param>
/// <param name="SqsConcurrency">SendMessage calls in flight in the SQS part.</param>
/// <param name="ParameterOverrides">Template parameters given on the command line; they win over the limits the
/// pipeline part raises (<see cref="Pipeline.PipelineBench.RaisedLimits"/>).</param>
/// <param name="AccountConcurrency">The Lambda concurrency quota the account plays.</param>
/// <param name="Exports">The trace exports to cold-start each function with (X-Ray only when null).</param>
internal sealed record BenchOptions(
    string TemplatePath,
    string DataDirectory,
    string ApiEventPath,
    string SqsEventPath,
    BenchParts Parts,
    IReadOnlyList<FunctionBuildMode> Modes,
    int Runs,
    FunctionBuildMode PipelineMode,
    int Orders,
    int Concurrency,
    int SqsMessages,
    int SqsConcurrency,
    IReadOnlyDictionary<string, string>? ParameterOverrides = null,
    int AccountConcurrency = Lambda.LambdaServiceSettings.DefaultAccountConcurrency,
    IReadOnlyList<TraceExport>? Exports = null)
{
    /// <summary>The trace exports cold-started, each in the same interleaved run.</summary>
    public IReadOnlyList<TraceExport> Exports { get; init; } = Exports ?? [TraceExport.XRay];

    public string TemplateDirectory => Path.GetDirectoryName(Path.GetFullPath(TemplatePath))!;

    /// <summary>The stack's data directory for <paramref name="mode"/>'s builds: functions are in its build/&lt;LogicalId&gt;.</summary>
    public string ModeDirectory(FunctionBuildMode mode) =>
        Path.Combine(Path.GetFullPath(DataDirectory), FunctionBuilder.MakeVariable(mode));
}

/// <summary>The parts of <c>bench</c>; any combination can run.</summary>
[Flags]
internal enum BenchParts
{
    None = 0,

    /// <summary>Cold start of each function in each build mode.</summary>
    ColdStart = 1,

    /// <summary>End-to-end throughput, latency and CPU per order of the local pipeline.</summary>
    Pipeline = 2,

    /// <summary>The SQS endpoint's CPU per SendMessage against the AWS SDK client's, and the client's throughput.</summary>
    Sqs = 4,

    All = ColdStart | Pipeline | Sqs,
}

/// <summary>Everything one <c>bench</c> run measured; a part that did not run is null.</summary>
internal sealed record BenchReport(
    MachineInfo Machine,
    BenchOptions Options,
    DateTimeOffset StartedAt,
    IReadOnlyList<ColdStartResult>? ColdStarts,
    PipelineResult? Pipeline,
    SqsResult? Sqs);
