using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.Cli.Bench;

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
    int SqsConcurrency)
{
    public string TemplateDirectory => Path.GetDirectoryName(Path.GetFullPath(TemplatePath))!;

    /// <summary>The stack's data directory for <paramref name="mode"/>'s builds: functions are in its build/&lt;LogicalId&gt;.</summary>
    public string ModeDirectory(FunctionBuildMode mode) =>
        Path.Combine(Path.GetFullPath(DataDirectory), FunctionBuilder.MakeVariable(mode));
}
