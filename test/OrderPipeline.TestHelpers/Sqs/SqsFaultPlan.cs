namespace OrderPipeline.TestHelpers.Sqs;

/// <summary>Injected failures: the next N calls of an operation, or every call until reset. Thread-safe.</summary>
internal sealed class SqsFaultPlan
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (int Remaining, SqsError Error)> _next = new(StringComparer.Ordinal);
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
                return null;
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
}
