namespace OrderPipeline.Local.Cli.Bench.Pipeline;

/// <summary>One order the pipeline part submitted.</summary>
/// <param name="Status">The HTTP status API Gateway answered.</param>
/// <param name="TraceId">The Root of the answer's <c>X-Amzn-Trace-Id</c>; null when it had none.</param>
/// <param name="AnsweredAt">When the answer was received (wall clock).</param>
internal sealed record PipelineOrder(int Status, string? TraceId, DateTimeOffset AnsweredAt)
{
    public bool Accepted => Status is >= 200 and < 300 && TraceId is not null;
}
