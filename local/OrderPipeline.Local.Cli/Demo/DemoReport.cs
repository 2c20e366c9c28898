using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.Cli.Demo;

/// <summary>Everything one demo run did and found; <see cref="Passed"/> decides the exit code.</summary>
internal sealed record DemoReport(
    IReadOnlyList<DemoRequest> Requests,
    string PoisonMessageId,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Links,
    IReadOnlyList<DemoCheck> Checks,
    TraceStore Traces,
    TimeSpan StartUp,
    TimeSpan Submitting,
    TimeSpan Settling,
    DemoThroughput Throughput)
{
    public bool Passed => Checks.All(check => check.Passed);
}
