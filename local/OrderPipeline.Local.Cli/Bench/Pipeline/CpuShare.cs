namespace OrderPipeline.Local.Cli.Bench.Pipeline;

/// <summary>The CPU one part of the pipeline spent per order.</summary>
/// <param name="Component">A function's logical id, or a part of the local stack.</param>
/// <param name="MillisecondsPerOrder">CPU milliseconds (user + system) per accepted order.</param>
/// <param name="Method">How it was measured: <c>process</c> (exact, from /proc), <c>thread-attribution</c>
/// (approximate, see <see cref="CpuAttribution"/>) or <c>remainder</c>.</param>
/// <param name="PartOfStack">False for the bench's own driver, which is not a cost of the pipeline.</param>
internal sealed record CpuShare(string Component, double MillisecondsPerOrder, string Method, bool PartOfStack = true)
{
    public const string Process = "process";
    public const string ThreadAttribution = "thread-attribution";
    public const string Remainder = "remainder";
}
