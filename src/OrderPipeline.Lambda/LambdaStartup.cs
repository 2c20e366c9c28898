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

    /// <summary>The observers registered with <see cref="Observe"/>, in the order they were registered.</summary>
    internal IReadOnlyList<IInvocationObserver> Observers => _observers;

    private readonly List<IInvocationObserver> _observers = [];

    /// <summary>
    /// Has <paramref name="observer"/> see every invocation: started in registration order before the handler, ended
    /// in reverse order after it, before the outcome is posted.
    /// </summary>
    public void Observe(IInvocationObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers.Add(observer);
    }
}
