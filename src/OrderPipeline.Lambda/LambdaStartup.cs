using OrderPipeline.Lambda.Logging;

namespace OrderPipeline.Lambda;

/// <summary>What the composition root gets at cold start to build the handler.</summary>
public sealed class LambdaStartup
{
    public LambdaStartup(
        ILambdaLogger logger, IMetricsLogger metrics, Func<string, string?> getEnvironmentVariable, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        ArgumentNullException.ThrowIfNull(time);
        Logger = logger;
        Metrics = metrics;
        GetEnvironmentVariable = getEnvironmentVariable;
        Time = time;
    }

    /// <summary>The function's logger; lines written during an invocation carry its request id and trace id.</summary>
    public ILambdaLogger Logger { get; }

    /// <summary>Embedded Metric Format documents, written on the same output as the log lines.</summary>
    public IMetricsLogger Metrics { get; }

    /// <summary>Reads the process environment (returns null for an unset variable).</summary>
    public Func<string, string?> GetEnvironmentVariable { get; }

    public TimeProvider Time { get; }
}
