namespace OrderPipeline.Local.Cli.Bench.Sqs;

/// <summary>The SQS part: CPU per SendMessage on each side of the wire, and one SDK client's SendMessage/s.</summary>
/// <param name="Messages">SendMessage calls per measurement (after a warm-up that is not counted).</param>
/// <param name="Concurrency">Calls in flight.</param>
/// <param name="EndpointCpuMs">The local endpoint's CPU per call: this process' CPU while a raw client drove it,
/// minus the raw client's own threads' CPU.</param>
/// <param name="RawClientPerSecond">Calls per second the raw client got from the endpoint.</param>
/// <param name="ClientCpuMs">The AWSSDK.SQS client's CPU per call: this process' CPU while it called a canned
/// stand-in, minus the stand-in's threads' CPU.</param>
/// <param name="ClientPerSecondStandIn">The SDK client's calls per second against the stand-in.</param>
/// <param name="ClientPerSecondEndpoint">The SDK client's calls per second against the local endpoint.</param>
internal sealed record SqsResult(
    int Messages,
    int Concurrency,
    double EndpointCpuMs,
    double RawClientPerSecond,
    double ClientCpuMs,
    double ClientPerSecondStandIn,
    double ClientPerSecondEndpoint)
{
    /// <summary>The goal: the endpoint spends at most this share of what the client spends per call.</summary>
    public const double Goal = 0.25;

    public double EndpointToClient => EndpointCpuMs / Math.Max(ClientCpuMs, 1e-9);
}
