namespace OrderPipeline.Lambda.Hosting;

/// <summary>
/// What the host takes from the process: the environment, stdout, the clock, and the working directory (the
/// <c>working_directory</c> of an error's X-Ray cause).
/// </summary>
internal sealed record HostDependencies(
    Func<string, string?> GetEnvironmentVariable,
    Action<string, string?> SetEnvironmentVariable,
    Stream Stdout,
    TimeProvider Time,
    string WorkingDirectory);
