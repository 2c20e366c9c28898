namespace OrderPipeline.Local.Stack;

/// <summary>Counts the faults a local service injected, by operation and code. Thread-safe.</summary>
internal sealed class FaultTally
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Operation, string Code), long> _counts = [];

    public void Add(string operation, string code)
    {
        lock (_gate)
        {
            _counts[(operation, code)] = _counts.GetValueOrDefault((operation, code)) + 1;
        }
    }

    /// <summary>Every count so far, ordered by operation and code.</summary>
    public IReadOnlyList<InjectedFault> Snapshot()
    {
        lock (_gate)
        {
            return [.. _counts
                .Select(pair => new InjectedFault(pair.Key.Operation, pair.Key.Code, pair.Value))
                .OrderBy(fault => fault.Operation, StringComparer.Ordinal)
                .ThenBy(fault => fault.Code, StringComparer.Ordinal)];
        }
    }
}
