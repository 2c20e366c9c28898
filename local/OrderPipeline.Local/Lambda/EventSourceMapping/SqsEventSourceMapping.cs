using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.Lambda.EventSourceMapping;

/// <summary>
/// One SQS event source mapping: pollers that receive batches from the queue, invoke the function with the Lambda SQS
/// event and delete what it processed. As Lambda, it starts five pollers (fewer when
/// <see cref="SqsEventSourceMappingSettings.MaximumConcurrency"/> is lower) and adds one whenever a batch comes back
/// full, up to that maximum; a poller whose long poll finds nothing retires while more than five remain
/// (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html). A throttled invocation (Lambda had no
/// concurrency for it) leaves its records to come back after the visibility timeout, and the mapping backs off: the
/// poller retires while others remain, and the last one waits a growing delay before its next receive
/// (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html). SQS errors back off and retry; they
/// never stop a poller.
/// </summary>
internal sealed class SqsEventSourceMapping : IAsyncDisposable
{
    private readonly SqsEventSourceMappingSettings _settings;
    private readonly SqsBatchReceiver _receiver;
    private readonly SqsBatchProcessor _processor;
    private readonly TimeProvider _time;
    private readonly SqsEventSourceMappingEvents _events;
    private readonly IDisposable? _ownedClient;
    private readonly Lock _gate = new();
    private readonly List<Task> _pollers = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abandoning = new();
    private int _activePollers;
    private bool _started;
    private bool _stopped;

    /// <summary>Polls through an SQS client for <paramref name="serviceUrl"/> (the local endpoint) with placeholder
    /// credentials.</summary>
    public SqsEventSourceMapping(
        SqsEventSourceMappingSettings settings,
        string serviceUrl,
        IFunctionInvoker invoker,
        TraceStore store,
        XRaySampler sampler,
        SqsEventSourceMappingEvents events)
        : this(settings, CreateClient(settings, serviceUrl), invoker, store, sampler, events)
    {
    }

    /// <param name="settings">The function, its SQS event and the queue URL; validated here.</param>
    /// <param name="sqs">The client the pollers call; the caller keeps ownership.</param>
    /// <param name="invoker">Runs the function.</param>
    /// <param name="store">Receives the Lambda service and function segments of each invocation.</param>
    /// <param name="time">The clock for the batching window, back-off and segment times.</param>
    /// <param name="sampler">Lambda's decision for each batch (<see cref="XRaySampler.ForLambda"/>).</param>
    /// <param name="events">Sees each batch's outcome and each fault.</param>
    internal SqsEventSourceMapping(
        SqsEventSourceMappingSettings settings,
        IAmazonSQS sqs,
        IFunctionInvoker invoker,
        TraceStore store,
        TimeProvider time,
        XRaySampler sampler,
        SqsEventSourceMappingEvents events)
        : this(settings, sqs, null, invoker, store, time, sampler, events)
    {
    }

    private SqsEventSourceMapping(
        SqsEventSourceMappingSettings settings,
        AmazonSQSClient ownedClient,
        IFunctionInvoker invoker,
        TraceStore store,
        XRaySampler sampler,
        SqsEventSourceMappingEvents events)
        : this(settings, ownedClient, ownedClient, invoker, store, TimeProvider.System, sampler, events)
    {
    }

    private SqsEventSourceMapping(
        SqsEventSourceMappingSettings settings,
        IAmazonSQS sqs,
        IDisposable? ownedClient,
        IFunctionInvoker invoker,
        TraceStore store,
        TimeProvider time,
        XRaySampler sampler,
        SqsEventSourceMappingEvents events)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(events);
        settings.Validate();
        _settings = settings;
        _ownedClient = ownedClient;
        _time = time;
        _events = events;
        _receiver = new SqsBatchReceiver(sqs, settings, time, events);
        var deleter = new SqsMessageDeleter(sqs, settings, time, events);
        _processor = new SqsBatchProcessor(settings, invoker, deleter, store, time, sampler, events);
    }

    /// <summary>Pollers started with and kept while the queue is quiet: five, or the maximum concurrency when lower.</summary>
    private int IdlePollers => Math.Min(_settings.InitialPollers, _settings.MaximumConcurrency);

    /// <summary>
    /// Pollers running now (at least one between <see cref="Start"/> and <see cref="StopAsync"/>, none when the
    /// mapping is disabled).
    /// </summary>
    public int ActivePollers
    {
        get
        {
            lock (_gate)
            {
                return _activePollers;
            }
        }
    }

    /// <exception cref="InvalidOperationException">Already started, or stopped.</exception>
    public void Start()
    {
        lock (_gate)
        {
            if (_started || _stopped)
            {
                throw new InvalidOperationException("The event source mapping was already started or stopped.");
            }

            _started = true;
            // A disabled mapping (Enabled: false) exists but polls nothing: the queue's messages wait, as in AWS.
            for (var i = 0; _settings.Enabled && i < IdlePollers; i++)
            {
                AddPoller();
            }
        }
    }

    /// <summary>
    /// Ends the long polls at once and waits for the batches in flight to be invoked and settled. Cancelling
    /// <paramref name="cancellationToken"/> abandons those instead (their records come back after the visibility timeout).
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task[] pollers;
        lock (_gate)
        {
            _stopped = true;
            pollers = [.. _pollers];
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(pollers).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await _abandoning.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(pollers).ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _ownedClient?.Dispose();
        _stopping.Dispose();
        _abandoning.Dispose();
    }

    private static AmazonSQSClient CreateClient(SqsEventSourceMappingSettings settings, string serviceUrl)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        return new AmazonSQSClient(
            new BasicAWSCredentials("local", "local"),
            new AmazonSQSConfig { ServiceURL = serviceUrl, AuthenticationRegion = settings.Region, MaxErrorRetry = 0 });
    }

    private void AddPoller()
    {
        _activePollers++;
        _pollers.Add(Task.Run(PollAsync));
    }

    private void ScaleUp()
    {
        lock (_gate)
        {
            if (!_stopped && _activePollers < _settings.MaximumConcurrency)
            {
                AddPoller();
            }
        }
    }

    /// <summary>Retires the calling poller when more than <paramref name="floor"/> are running.</summary>
    private bool TryRetire(int floor)
    {
        lock (_gate)
        {
            if (_activePollers <= floor)
            {
                return false;
            }

            _activePollers--;
            return true;
        }
    }

    private async Task PollAsync()
    {
        var backoff = new RetryBackoff(RetryBackoff.DefaultInitial, RetryBackoff.DefaultMaximum);
        var throttleBackoff = new RetryBackoff(RetryBackoff.DefaultInitial, RetryBackoff.DefaultMaximum);
        var stopping = _stopping.Token;
        var retired = false;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                IReadOnlyList<Message> batch;
                try
                {
                    batch = await _receiver.ReceiveBatchAsync(stopping).ConfigureAwait(false);
                    backoff.Reset();
                }
                catch (Exception ex) when (SqsFaults.IsTransient(ex, stopping))
                {
                    var delay = backoff.Next();
                    _events.Faulted?.Invoke(new SqsEventSourceFault(
                        _settings.FunctionLogicalId, _settings.Name, SqsBatchReceiver.Operation, ex, ex.Message, delay));
                    await Task.Delay(delay, _time, stopping).ConfigureAwait(false);
                    continue;
                }

                if (batch.Count == 0)
                {
                    retired = TryRetire(IdlePollers);
                    if (retired)
                    {
                        return;
                    }

                    continue;
                }

                if (batch.Count >= _settings.BatchSize)
                {
                    ScaleUp();
                }

                var outcome = await _processor.ProcessAsync(batch, _abandoning.Token).ConfigureAwait(false);
                if (outcome is { Throttled: true })
                {
                    var delay = throttleBackoff.Next();
                    retired = TryRetire(1);
                    _events.Faulted?.Invoke(new SqsEventSourceFault(
                        _settings.FunctionLogicalId, _settings.Name, SqsBatchProcessor.InvokeOperation, null,
                        $"Throttled: {outcome.Verdict.Reason}", retired ? null : delay));
                    if (retired)
                    {
                        return;
                    }

                    await Task.Delay(delay, _time, stopping).ConfigureAwait(false);
                    continue;
                }

                throttleBackoff.Reset();
                if (ActivePollers < IdlePollers)
                {
                    // Invocations go through again after a throttle: back to the pollers of a quiet queue.
                    ScaleUp();
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped while waiting; a batch in hand was abandoned only if _abandoning was cancelled too.
        }
        finally
        {
            if (!retired)
            {
                lock (_gate)
                {
                    _activePollers--;
                }
            }
        }
    }
}
