namespace OrderPipeline.Lambda.Hosting;

/// <summary>What the host takes from the process: the environment, stdout and the clock.</summary>
internal sealed record HostDependencies(
    Func<string, string?> GetEnvironmentVariable,
    Action<string, string?> SetEnvironmentVariable,
    Stream Stdout,
    TimeProvider Time);
