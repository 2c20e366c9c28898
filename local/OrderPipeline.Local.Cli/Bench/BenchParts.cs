namespace OrderPipeline.Local.Cli.Bench;

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
