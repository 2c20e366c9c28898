namespace OrderPipeline.Local.DynamoDb;

/// <summary>
/// Injected failures: the next N calls of an operation, or every call until reset (both scripted), and otherwise a
/// seeded random share of all calls (<see cref="DynamoDbFaultRates"/>). Thread-safe; the random draws happen under the lock,
/// so one sequence of calls always meets the same faults.
/// </summary>
internal sealed class DynamoDbFaultPlan(DynamoDbFaultRates rates)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (int Remaining, DynamoDbError Error)> _next = new(StringComparer.Ordinal);
    private readonly Random _random = new(rates.Seed);
    private DynamoDbError? _all;

    public void FailNext(string operation, int count, DynamoDbError error)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_gate)
        {
            _next[operation] = (count, error);
        }
    }

    public void FailAll(DynamoDbError error)
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
    public DynamoDbError? Take(string operation)
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

    private DynamoDbError? Draw()
    {
        if (rates.FailureShare <= 0 && rates.ThrottleShare <= 0)
        {
            return null;
        }

#pragma warning disable CA5394 // Seeded on purpose: the same seed replays the same faults.
        var draw = _random.NextDouble();
#pragma warning restore CA5394
        return draw < rates.FailureShare ? DynamoDbError.InternalServerError()
            : draw < rates.FailureShare + rates.ThrottleShare ? DynamoDbError.Throttling()
            : null;
    }
}
