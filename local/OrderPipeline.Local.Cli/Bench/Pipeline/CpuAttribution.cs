using System.Diagnostics;
using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.Cli.Bench.Pipeline;

/// <summary>
/// Attributes this process' CPU to the parts of the stack by thread CPU time: a mark (an <see cref="AsyncLocal{T}"/>)
/// flows with each part's work, and whenever a thread switches from one part's work to another's, the thread CPU used
/// since the last switch is charged to the part it leaves. Kestrel requests are marked by the port they arrived on
/// (<see cref="KestrelRequestMarker"/>); the X-Ray daemon and the event source mappings by <see cref="Enter"/> when
/// they start. Work that runs outside any marked flow (socket I/O completions, the GC, timers, the threads reading
/// the functions' output) is not attributed; <see cref="PipelineBench"/> reports it as the remainder.
/// </summary>
internal sealed class CpuAttribution : IDisposable
{
    private static readonly int ComponentCount = Enum.GetValues<StackComponent>().Length;

    private readonly AsyncLocal<StackComponent?> _current;
    // Never disposed: a flow that still carries a mark may switch threads after this object is done with, and an
    // exception in an AsyncLocal notification ends the process.
    private readonly ThreadLocal<long> _markedSince = new();
    private readonly long[] _nanoseconds = new long[ComponentCount];
    private readonly KestrelRequestMarker _requests;

    public CpuAttribution()
    {
        _current = new AsyncLocal<StackComponent?>(OnChanged);
        _requests = new KestrelRequestMarker(this);
    }

    /// <summary>Marks requests that arrive on <paramref name="port"/>; requests on other ports count as the Runtime API.</summary>
    public void MapPort(int port, StackComponent component) => _requests.Map(port, component);

    public IDisposable Enter(StackComponent component)
    {
        var previous = _current.Value;
        _current.Value = component;
        return new Scope(this, previous);
    }

    /// <summary>Marks the rest of the current flow (for a Kestrel request: the rest of its connection).</summary>
    public void Mark(StackComponent component) => _current.Value = component;

    /// <summary>CPU charged to each part so far, indexed by <see cref="StackComponent"/>.</summary>
    public IReadOnlyList<TimeSpan> Snapshot()
    {
        var snapshot = new TimeSpan[ComponentCount];
        for (var i = 0; i < ComponentCount; i++)
        {
            snapshot[i] = TimeSpan.FromTicks(Interlocked.Read(ref _nanoseconds[i]) / 100);
        }

        return snapshot;
    }

    /// <summary>This whole process' CPU time so far (every thread).</summary>
    public static TimeSpan ProcessCpu() => Environment.CpuUsage.TotalTime;

    public void Dispose() => _requests.Dispose();

    private void OnChanged(AsyncLocalValueChangedArgs<StackComponent?> change)
    {
        var now = ThreadCpuClock.NowNanoseconds();
        if (change.PreviousValue is { } left && _markedSince.Value is var since and > 0)
        {
            Interlocked.Add(ref _nanoseconds[(int)left], now - since);
        }

        _markedSince.Value = change.CurrentValue is null ? 0 : now;
    }

    private sealed class Scope(CpuAttribution owner, StackComponent? previous) : IDisposable
    {
        public void Dispose()
        {
            Debug.Assert(owner._current.Value is not null, "A scope ends where it began.");
            owner._current.Value = previous;
        }
    }
}
