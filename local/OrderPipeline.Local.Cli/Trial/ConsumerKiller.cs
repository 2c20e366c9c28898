using OrderPipeline.Local.Lambda;

namespace OrderPipeline.Local.Cli.Trial;

/// <summary>
/// Kills consumer instances mid-batch: the k-th of <paramref name="kills"/> kills is armed once k/(kills+1) of the
/// orders are submitted, and then waits, looking every couple of milliseconds, for an instance that holds an invocation,
/// and kills it (SIGKILL). Lambda reports such an invocation as <c>Runtime.ExitError</c>, the event source mapping fails
/// the whole batch, and SQS delivers its records again after the visibility timeout.
/// </summary>
internal sealed class ConsumerKiller(FunctionPool consumer, int kills, int orders, Func<int> submitted)
{
    private static readonly TimeSpan Look = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(20);

    private int _killed;

    public int Killed => Volatile.Read(ref _killed);

    /// <summary>Runs until every kill is done or <paramref name="cancellationToken"/> is cancelled; never throws for that.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            for (var kill = 1; kill <= kills; kill++)
            {
                var armedAt = (long)orders * kill / (kills + 1);
                while (submitted() < armedAt)
                {
                    await Task.Delay(Wait, cancellationToken).ConfigureAwait(false);
                }

                while (consumer.TryKillBusyInstance() is null)
                {
                    await Task.Delay(Look, cancellationToken).ConfigureAwait(false);
                }

                Interlocked.Increment(ref _killed);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run settled or timed out: the kills not done are not needed.
        }
    }
}
