namespace OrderPipeline.Local.Cli.Bench.ColdStart;

/// <summary>One cold start, measured by the local Lambda service and read from /proc before the process stopped.</summary>
/// <param name="Total">From the process' start to its first response posted to the Runtime API.</param>
/// <param name="Init">From the process' start to its first <c>GET /next</c>.</param>
/// <param name="PeakResidentBytes">VmHWM after the first response; null if it could not be read.</param>
/// <param name="Cpu">The process' user + system CPU after the first response; null if it could not be read.</param>
internal sealed record ColdStartSample(TimeSpan Total, TimeSpan Init, long? PeakResidentBytes, TimeSpan? Cpu);
