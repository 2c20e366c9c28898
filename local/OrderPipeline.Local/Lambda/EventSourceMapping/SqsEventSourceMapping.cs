using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.Lambda.EventSourceMapping;

/// <summary>
/// One SQS event source mapping: pollers that receive batches from the queue, invoke the function with the Lambda SQS
/// event and delete what it processed. It starts with one poller and adds one whenever a batch comes back full, up to
/// <see cref="SqsEventSourceMappingSettings.MaximumConcurrency"/>; a poller whose long poll finds nothing retires while
/// others remain. SQS errors back off and retry; they never stop a poller.
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

    /// <summary>Pollers running now (at least one between <see cref="Start"/> and <see cref="StopAsync"/>).</summary>
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
            AddPoller();
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

    private bool TryRetire()
    {
        lock (_gate)
        {
            if (_activePollers <= 1)
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
                    retired = TryRetire();
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

                await _processor.ProcessAsync(batch, _abandoning.Token).ConfigureAwait(false);
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
