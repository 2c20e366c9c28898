namespace OrderPipeline.Local.Sqs;

/// <summary>
/// Injected failures: the next N calls of an operation, or every call until reset (both scripted), and otherwise a
/// seeded random share of all calls (<see cref="SqsFaultRates"/>). Thread-safe; the random draws happen under the lock,
/// so one sequence of calls always meets the same faults.
/// </summary>
internal sealed class SqsFaultPlan(SqsFaultRates rates)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (int Remaining, SqsError Error)> _next = new(StringComparer.Ordinal);
    private readonly Random _random = new(rates.Seed);
    private SqsError? _all;

    public void FailNext(string operation, int count, SqsError error)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_gate)
        {
            _next[operation] = (count, error);
        }
    }

    public void FailAll(SqsError error)
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

    /// <summary>The error this call of <paramref name="operation"/> must fail with, or null; counts the call.</summary>
    public SqsError? Take(string operation)
    {
        lock (_gate)
        {
            if (_all is not null)
            {
                return _all;
            }

            if (!_next.TryGetValue(operation, out var planned))
            {
                return Draw();
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

    private SqsError? Draw()
    {
        if (rates.FailureShare <= 0 && rates.ThrottleShare <= 0)
        {
            return null;
        }

#pragma warning disable CA5394 // Seeded on purpose: the same seed replays the same faults.
        var draw = _random.NextDouble();
#pragma warning restore CA5394
        return draw < rates.FailureShare ? SqsError.InternalError()
            : draw < rates.FailureShare + rates.ThrottleShare ? SqsError.RequestThrottled()
            : null;
    }
}
