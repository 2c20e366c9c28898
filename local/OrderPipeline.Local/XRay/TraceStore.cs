namespace OrderPipeline.Local.XRay;

/// <summary>
/// The traces the daemon has received, in memory, grouped by trace id. Thread-safe. A store made with
/// <see cref="Open"/> also keeps them on disk, so that they survive a restart.
/// </summary>
internal sealed class TraceStore : IAsyncDisposable
{
    /// <summary>Where <see cref="Open"/> keeps the segments, under its data directory.</summary>
    public static readonly string JournalPath = Path.Combine("traces", "segments.ndjson");

    private readonly TraceJournal? _journal;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<StoredSegment>> _traces = new(StringComparer.Ordinal);
    private readonly List<TaskCompletionSource> _waiters = [];
    private Action<StoredSegment>[] _observers = [];

    /// <summary>An in-memory store.</summary>
    public TraceStore()
    {
    }

    private TraceStore(TraceJournal journal)
    {
        _journal = journal;
    }

    public int SegmentCount { get; private set; }

    /// <summary>
    /// Opens the store kept under <paramref name="dataDirectory"/> (<see cref="JournalPath"/>): loads the segments added
    /// before, skipping unreadable lines, and appends each new one. Dispose it to write out what is pending.
    /// </summary>
    /// <exception cref="IOException">The journal cannot be opened (for one, another process is writing it).</exception>
    public static TraceStore Open(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, JournalPath);
        var loaded = TraceJournal.Load(path);
        var store = new TraceStore(TraceJournal.Open(path));
        foreach (var segment in loaded)
        {
            store.Insert(segment);
        }

        return store;
    }

    public void Add(StoredSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        Insert(segment);
        _journal?.Append(segment);
    }

    /// <summary>
    /// Calls <paramref name="observer"/> with each segment added from now on, once stored, on the adding thread (it must
    /// be quick and must not throw), and returns the segments held already: none is missed or given twice.
    /// </summary>
    public IReadOnlyList<StoredSegment> Subscribe(Action<StoredSegment> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_lock)
        {
            _observers = [.. _observers, observer];
            return [.. _traces.Values.SelectMany(segments => segments)];
        }
    }

    public ValueTask DisposeAsync() => _journal?.DisposeAsync() ?? ValueTask.CompletedTask;

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

    private void Insert(StoredSegment segment)
    {
        TaskCompletionSource[] waiters;
        Action<StoredSegment>[] observers;
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
            observers = _observers;
        }

        foreach (var observer in observers)
        {
            observer(segment);
        }

        foreach (var waiter in waiters)
        {
            waiter.TrySetResult();
        }
    }
}
