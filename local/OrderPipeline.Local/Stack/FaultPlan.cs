namespace OrderPipeline.Local.Stack;

/// <summary>
/// Injected failures: the next N calls of an operation, or every call until reset (both scripted), and otherwise a
/// seeded random share of the calls of the operations in <paramref name="scope"/> (of every operation when it is null),
/// failing with <paramref name="failure"/> or throttled with <paramref name="throttle"/>.
/// Thread-safe; the random draws happen under the lock, so one sequence of calls always meets the same faults. Each
/// local service (SQS, DynamoDB) plans its own faults with its own error type.
/// </summary>
/// <param name="failureShare">The share of calls, in [0, 1], that fail with <paramref name="failure"/>.</param>
/// <param name="throttleShare">The share of calls, in [0, 1 - failureShare], that are throttled.</param>
/// <param name="seed">The same seed gives the same faults for the same sequence of calls.</param>
/// <param name="failure">Makes the service's internal error.</param>
/// <param name="throttle">Makes the service's throttling error.</param>
/// <param name="scope">The operations the random share applies to; null for every operation. Calls outside it draw
/// nothing, so they do not shift the sequence the seed gives the calls inside it.</param>
internal sealed class FaultPlan<TError>(
    double failureShare, double throttleShare, int seed, Func<TError> failure, Func<TError> throttle,
    IReadOnlySet<string>? scope = null)
    where TError : class
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (int Remaining, TError Error)> _next = new(StringComparer.Ordinal);
    private readonly Random _random = new(seed);
    private TError? _all;

    public void FailNext(string operation, int count, TError error)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_gate)
        {
            _next[operation] = (count, error);
        }
    }

    public void FailAll(TError error)
    {
        lock (_gate)
        {
            _all = error;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _next.Clear();
            _all = null;
        }
    }

    /// <summary>
    /// The error this call of <paramref name="operation"/> must fail with, or null; counts the call. A call outside the
    /// service's own narrower scope (<paramref name="randomInScope"/> false) meets only the scripted faults.
    /// </summary>
    public TError? Take(string operation, bool randomInScope = true)
    {
        lock (_gate)
        {
            if (_all is not null)
            {
                return _all;
            }

            if (!_next.TryGetValue(operation, out var planned))
            {
                return randomInScope && (scope is null || scope.Contains(operation)) ? Draw() : null;
            }

            if (planned.Remaining == 1)
            {
                _next.Remove(operation);
            }
            else
            {
                _next[operation] = (planned.Remaining - 1, planned.Error);
            }

            return planned.Error;
        }
    }

    private TError? Draw()
    {
        if (failureShare <= 0 && throttleShare <= 0)
        {
            return null;
        }

#pragma warning disable CA5394 // Seeded on purpose: the same seed replays the same faults.
        var draw = _random.NextDouble();
#pragma warning restore CA5394
        return draw < failureShare ? failure()
            : draw < failureShare + throttleShare ? throttle()
            : null;
    }
}

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

/// <summary>
/// How many times a local service injected one kind of fault into one operation: <paramref name="Code"/> is the error
/// code it answered with (<c>InternalError</c>, <c>ThrottlingException</c>, …) or the name of a fault that is not an
/// error answer (<c>DuplicateDelivery</c>).
/// </summary>
public sealed record InjectedFault(string Operation, string Code, long Count);
