using System.ComponentModel;

namespace OrderPipeline.Local.Lambda;

/// <summary>
/// Runs one function as Lambda does: each invocation goes to a warm idle instance, or to a new one (a cold start) while
/// fewer than <see cref="LocalFunction.MaxConcurrency"/> run, or waits for one to become free. An instance that timed
/// out, crashed or failed its init is killed, and the next invocation starts a fresh one. Disposing stops every process.
/// </summary>
public sealed class FunctionPool : IAsyncDisposable
{
    private readonly LocalFunction _function;
    private readonly LambdaServiceSettings _settings;
    private readonly Action<FunctionLogLine> _logSink;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _slots;
    private readonly Lock _gate = new();
    private readonly Stack<FunctionInstance> _idle = new();
    private readonly HashSet<FunctionInstance> _instances = [];
    private readonly CancellationTokenSource _stopping = new();
    private int _lastInstanceId;
    private bool _disposed;

    /// <param name="function">The function to run; it is validated here (max concurrency ≥ 1, timeout &gt; 0).</param>
    /// <param name="settings">What the stack gives every function: region and endpoint variables.</param>
    /// <param name="logSink">Receives every line any instance writes; called from the threads reading the output,
    /// so it must be thread-safe and must not throw.</param>
    public FunctionPool(LocalFunction function, LambdaServiceSettings settings, Action<FunctionLogLine> logSink)
        : this(function, settings, logSink, TimeProvider.System)
    {
    }

    internal FunctionPool(
        LocalFunction function, LambdaServiceSettings settings, Action<FunctionLogLine> logSink, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(logSink);
        ArgumentOutOfRangeException.ThrowIfLessThan(function.MaxConcurrency, 1, nameof(function));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(function.Timeout, TimeSpan.Zero, nameof(function));
        _function = function;
        _settings = settings;
        _logSink = logSink;
        _time = time;
        _slots = new SemaphoreSlim(function.MaxConcurrency, function.MaxConcurrency);
        FunctionArn = LocalAccount.FunctionArn(settings.Region, function.Name);
    }

    public LocalFunction Function => _function;

    public string FunctionArn { get; }

    /// <summary>
    /// Invokes the function once with <paramref name="payload"/> (the event JSON) and <paramref name="traceHeader"/>
    /// as its <c>Lambda-Runtime-Trace-Id</c>. Function errors, timeouts and crashes are results, not exceptions.
    /// Cancelling, or disposing the pool, abandons the invocation (<see cref="OperationCanceledException"/>) and kills
    /// the instance that held it.
    /// </summary>
    public async Task<InvocationResult> InvokeAsync(
        ReadOnlyMemory<byte> payload, string? traceHeader, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        await _slots.WaitAsync(linked.Token).ConfigureAwait(false);
        try
        {
            var requestId = Guid.NewGuid().ToString();
            var instance = await TakeIdleAsync().ConfigureAwait(false);
            if (instance is null)
            {
                try
                {
                    instance = await StartInstanceAsync(linked.Token).ConfigureAwait(false);
                }
                catch (Win32Exception ex)
                {
                    return new InvocationResult(
                        requestId, null, LambdaErrors.InvalidEntrypoint(ex.Message), TimeSpan.Zero, null, 0);
                }
            }

            var invocation = new PendingInvocation(
                requestId, payload, traceHeader, _time.GetUtcNow() + _function.Timeout, FunctionArn);
            try
            {
                return await instance.InvokeAsync(invocation, linked.Token).ConfigureAwait(false);
            }
            finally
            {
                await ReturnAsync(instance).ConfigureAwait(false);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// Kills (SIGKILL) one instance whose runtime holds an invocation now, the lowest-numbered such; its invocation ends
    /// with <c>Runtime.ExitError</c> and the next one starts a fresh instance. Returns the killed instance's id, or null
    /// when no instance was busy. For fault trials: a process crashing mid-invocation.
    /// </summary>
    public int? TryKillBusyInstance()
    {
        List<FunctionInstance> candidates;
        lock (_gate)
        {
            candidates = [.. _instances.Except(_idle).OrderBy(instance => instance.Id)];
        }

        return candidates.FirstOrDefault(instance => instance.TryKillIfBusy())?.Id;
    }

    /// <summary>
    /// The process ids of the instances running now, idle or busy: for reading their resource use from /proc before
    /// the pool is disposed.
    /// </summary>
    internal IReadOnlyList<int> ProcessIds()
    {
        lock (_gate)
        {
            return [.. _instances.Where(instance => !instance.HasExited).Select(instance => instance.ProcessId)];
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<FunctionInstance> instances;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            instances = [.. _instances];
            _instances.Clear();
            _idle.Clear();
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var instance in instances)
        {
            await instance.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task<FunctionInstance?> TakeIdleAsync()
    {
        List<FunctionInstance> dead = [];
        FunctionInstance? found = null;
        lock (_gate)
        {
            while (found is null && _idle.TryPop(out var instance))
            {
                if (instance.HasExited)
                {
                    // It died while idle: like Lambda, replace the environment rather than fail the invocation.
                    _instances.Remove(instance);
                    dead.Add(instance);
                }
                else
                {
                    found = instance;
                }
            }
        }

        foreach (var instance in dead)
        {
            await instance.DisposeAsync().ConfigureAwait(false);
        }

        return found;
    }

    private async Task<FunctionInstance> StartInstanceAsync(CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _lastInstanceId);
        var instance = await FunctionInstance.StartAsync(id, _function, _settings, _logSink, _time, cancellationToken)
            .ConfigureAwait(false);
        lock (_gate)
        {
            if (!_disposed)
            {
                _instances.Add(instance);
                return instance;
            }
        }

        await instance.DisposeAsync().ConfigureAwait(false);
        throw new OperationCanceledException("The pool was disposed while the instance started.");
    }

    private async Task ReturnAsync(FunctionInstance instance)
    {
        lock (_gate)
        {
            if (instance.IsHealthy && !_disposed)
            {
                _idle.Push(instance);
                return;
            }

            if (!_instances.Remove(instance))
            {
                return;
            }
        }

        await instance.DisposeAsync().ConfigureAwait(false);
    }
}
