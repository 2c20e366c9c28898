using System.Diagnostics;
using System.Text;

namespace OrderPipeline.Local.Lambda;

/// <summary>
/// One execution environment: the function's process and its own Runtime API endpoint. It runs one invocation at a
/// time; a timeout, a crash or an init error leaves it unhealthy, and its owner disposes it (killing the process).
/// </summary>
internal sealed class FunctionInstance : IAsyncDisposable
{
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RuntimeReadyGrace = TimeSpan.FromSeconds(1);

    private readonly LocalFunction _function;
    private readonly RuntimeApiSession _session;
    private readonly RuntimeApiEndpoint _endpoint;
    private readonly Process _process;
    private readonly Task _exited;
    private readonly TimeProvider _time;
    private readonly long _startedAt;
    private bool _initReported;
    private PendingInvocation? _current;

    private FunctionInstance(
        int id, LocalFunction function, RuntimeApiSession session, RuntimeApiEndpoint endpoint, Process process, TimeProvider time)
    {
        Id = id;
        _function = function;
        _session = session;
        _endpoint = endpoint;
        _process = process;
        _time = time;
        _startedAt = time.GetTimestamp();
        _exited = process.WaitForExitAsync();
    }

    public int Id { get; }

    /// <summary>False once an invocation timed out, the process exited or init failed: the instance is spent.</summary>
    public bool IsHealthy { get; private set; } = true;

    public bool HasExited => _exited.IsCompleted;

    /// <summary>
    /// Kills the process (SIGKILL, as a crash or an out-of-memory kill would end it) if its runtime holds an invocation
    /// now: one it has received and not yet answered. The invocation then ends with <c>Runtime.ExitError</c>. False, and
    /// nothing killed, when the instance is idle or its invocation is not yet received or already answered.
    /// </summary>
    public bool TryKillIfBusy()
    {
        if (Volatile.Read(ref _current) is not { HandedOffAt: not null } current
            || current.Outcome.IsCompleted
            || _exited.IsCompleted)
        {
            return false;
        }

        try
        {
            _process.Kill(entireProcessTree: true);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false; // It exited meanwhile.
        }
    }

    /// <summary>The operating system's id of the instance's process (the bootstrap, or what it exec'd).</summary>
    public int ProcessId => _process.Id;

    /// <exception cref="System.ComponentModel.Win32Exception">The executable could not be started.</exception>
    public static async Task<FunctionInstance> StartAsync(
        int id,
        LocalFunction function,
        LambdaServiceSettings settings,
        Action<FunctionLogLine> logSink,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var session = new RuntimeApiSession(time);
        var endpoint = await RuntimeApiEndpoint.StartAsync(session, cancellationToken).ConfigureAwait(false);
        var process = CreateProcess(function, settings, endpoint.Address);
        process.OutputDataReceived += (_, line) => Forward(logSink, function, id, FunctionOutput.StandardOutput, line.Data);
        process.ErrorDataReceived += (_, line) => Forward(logSink, function, id, FunctionOutput.StandardError, line.Data);
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            await endpoint.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new FunctionInstance(id, function, session, endpoint, process, time);
    }

    /// <summary>
    /// Runs <paramref name="invocation"/> and waits for whichever comes first: the runtime's post, an init error, the
    /// process' exit, or the function's timeout (counted from now, so a cold start's init counts against it).
    /// </summary>
    public async Task<InvocationResult> InvokeAsync(PendingInvocation invocation, CancellationToken cancellationToken)
    {
        var dispatchedAt = _time.GetTimestamp();
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timeout = Task.Delay(_function.Timeout, _time, timer.Token);
        Volatile.Write(ref _current, invocation);
        _session.Dispatch(invocation);
        try
        {
            await Task.WhenAny(invocation.Outcome, _session.InitError, _exited, timeout).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _current, null);
            await timer.CancelAsync().ConfigureAwait(false);
        }

        if (!invocation.Outcome.IsCompleted)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                // The runtime still holds the event: the instance is spent.
                IsHealthy = false;
                throw new OperationCanceledException(cancellationToken);
            }

            var failure = _session.InitError.IsCompleted ? _session.InitError.Result
                : _exited.IsCompleted ? LambdaErrors.Exited(_process.ExitCode)
                : LambdaErrors.TimedOut(_function.Timeout);
            if (invocation.TryComplete(RuntimeOutcome.Failed(failure)))
            {
                IsHealthy = false;
            }
        }

        var outcome = await invocation.Outcome.ConfigureAwait(false);
        var duration = _time.GetElapsedTime(invocation.HandedOffAt ?? dispatchedAt);
        var result = new InvocationResult(invocation.RequestId, outcome.Response, outcome.Error, duration, TakeInitDuration(), Id)
        {
            ResponseDuration = outcome.Transfer,
        };
        return result with { Settled = SettleAsync(invocation, outcome, result) };
    }

    private async Task<InvocationResult> SettleAsync(PendingInvocation invocation, RuntimeOutcome outcome, InvocationResult result) =>
        result with { RuntimeOverhead = await RuntimeOverheadAsync(invocation, outcome).ConfigureAwait(false) };

    /// <summary>
    /// Waits (at most <see cref="RuntimeReadyGrace"/>) for the runtime to ask for the next event after posting
    /// <paramref name="outcome"/>, as Lambda does before it freezes the environment: the result's runtime overhead. The
    /// caller has the result before (<see cref="InvocationResult.Settled"/> waits for this).
    /// </summary>
    private async Task<TimeSpan?> RuntimeOverheadAsync(PendingInvocation invocation, RuntimeOutcome outcome)
    {
        if (outcome.PostedAt is not { } postedAt || !IsHealthy)
        {
            return null;
        }

        using var grace = new CancellationTokenSource(RuntimeReadyGrace, _time);
        await Task.WhenAny(invocation.RuntimeReady, _exited, Task.Delay(Timeout.InfiniteTimeSpan, grace.Token)).ConfigureAwait(false);
        return invocation.RuntimeReady.IsCompletedSuccessfully
            ? _time.GetElapsedTime(postedAt, invocation.RuntimeReady.Result)
            : null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        using (var deadline = new CancellationTokenSource(KillTimeout))
        {
            try
            {
                await _process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // A grandchild still holds its output open; the process itself is gone.
            }
        }

        _process.Dispose();
        await _endpoint.DisposeAsync().ConfigureAwait(false);
    }

    private TimeSpan? TakeInitDuration()
    {
        if (_initReported)
        {
            return null;
        }

        _initReported = true;
        return _session.InitEndedAt is { } endedAt ? _time.GetElapsedTime(_startedAt, endedAt) : null;
    }

    private static Process CreateProcess(LocalFunction function, LambdaServiceSettings settings, string runtimeApi)
    {
        var startInfo = new ProcessStartInfo(function.ExecutablePath)
        {
            WorkingDirectory = function.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in function.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment.Clear();
        foreach (var (name, value) in FunctionEnvironment.Build(function, settings, runtimeApi, Environment.GetEnvironmentVariable))
        {
            startInfo.Environment[name] = value;
        }

        return new Process { StartInfo = startInfo };
    }

    private static void Forward(
        Action<FunctionLogLine> logSink, LocalFunction function, int id, FunctionOutput stream, string? text)
    {
        if (text is not null)
        {
            logSink(new FunctionLogLine(function.LogicalId, id, stream, text));
        }
    }
}

/// <summary>One line a function instance wrote, without its line break.</summary>
public sealed record FunctionLogLine(string FunctionName, int InstanceId, FunctionOutput Stream, string Text);

/// <summary>Which output of an instance's process a line came from.</summary>
public enum FunctionOutput
{
    StandardOutput,
    StandardError,
}
