namespace OrderPipeline.Local.XRay;

/// <summary>The traces the daemon has received, in memory, grouped by trace id. Thread-safe.</summary>
internal sealed class TraceStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<StoredSegment>> _traces = new(StringComparer.Ordinal);
    private readonly List<TaskCompletionSource> _waiters = [];

    public int SegmentCount { get; private set; }

    public void Add(StoredSegment segment)
    {
        TaskCompletionSource[] waiters;
        lock (_lock)
        {
            if (!_traces.TryGetValue(segment.TraceId, out var segments))
            {
                segments = [];
                _traces.Add(segment.TraceId, segments);
            }

            segments.Add(segment);
            SegmentCount++;
            waiters = [.. _waiters];
            _waiters.Clear();
        }

        foreach (var waiter in waiters)
        {
            waiter.TrySetResult();
        }
    }

    public IReadOnlyList<StoredSegment> Trace(string traceId)
    {
        lock (_lock)
        {
            return _traces.TryGetValue(traceId, out var segments) ? [.. segments] : [];
        }
    }

    public IReadOnlyList<string> TraceIds()
    {
        lock (_lock)
        {
            return [.. _traces.Keys];
        }
    }

    /// <summary>Completes when the next segment arrives (or at once when <paramref name="condition"/> already holds).</summary>
    public async Task WaitUntilAsync(Func<TraceStore, bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task next;
            lock (_lock)
            {
                var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add(waiter);
                next = waiter.Task;
            }

            if (condition(this))
            {
                return;
            }

            await next.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
