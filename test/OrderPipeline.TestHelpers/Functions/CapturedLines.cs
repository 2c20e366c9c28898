namespace OrderPipeline.TestHelpers.Functions;

/// <summary>Lines read from one output stream of a child process; safe to add to and read from any thread.</summary>
internal sealed class CapturedLines
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Predicate, TaskCompletionSource<string> Found)> _waiters = [];
    private bool _completed;

    public IReadOnlyList<string> Snapshot()
    {
        lock (_gate)
        {
            return [.. _lines];
        }
    }

    public void Add(string line)
    {
        List<TaskCompletionSource<string>> found = [];
        lock (_gate)
        {
            _lines.Add(line);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Predicate(line))
                {
                    found.Add(_waiters[i].Found);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var waiter in found)
        {
            waiter.TrySetResult(line);
        }
    }

    /// <summary>The stream has ended: waiters still pending fail.</summary>
    public void Complete()
    {
        List<TaskCompletionSource<string>> pending;
        lock (_gate)
        {
            _completed = true;
            pending = [.. _waiters.Select(w => w.Found)];
            _waiters.Clear();
        }

        foreach (var waiter in pending)
        {
            waiter.TrySetException(new EndOfStreamException("The stream ended without a matching line."));
        }
    }

    /// <summary>The first line, already read or still to come, that matches; fails if the stream ends first.</summary>
    public Task<string> WaitForAsync(Func<string, bool> predicate)
    {
        lock (_gate)
        {
            var existing = _lines.FirstOrDefault(predicate);
            if (existing is not null)
            {
                return Task.FromResult(existing);
            }

            if (_completed)
            {
                return Task.FromException<string>(new EndOfStreamException("The stream ended without a matching line."));
            }

            var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((predicate, found));
            return found.Task;
        }
    }
}
