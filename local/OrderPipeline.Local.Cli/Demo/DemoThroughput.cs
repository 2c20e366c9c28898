namespace OrderPipeline.Local.Cli.Demo;

/// <summary>
/// How fast the orders went through: <paramref name="Accepted"/> orders answered 2xx within <paramref name="Submitting"/>
/// (from the first order sent to the last answer), and all of them processed, with their consumer traces linked,
/// <paramref name="EndToEnd"/> after the first was sent (null when that never happened). Measured by polling every
/// 200 ms, so <paramref name="EndToEnd"/> is late by up to that much.
/// </summary>
internal sealed record DemoThroughput(int Accepted, TimeSpan Submitting, TimeSpan? EndToEnd)
{
    public double AcceptedPerSecond => Accepted / Math.Max(Submitting.TotalSeconds, 1e-3);

    public double? EndToEndPerSecond => EndToEnd is { } elapsed ? Accepted / Math.Max(elapsed.TotalSeconds, 1e-3) : null;
}
