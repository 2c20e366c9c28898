using Microsoft.AspNetCore.Http;
using OrderPipeline.Local.Sqs.Http;
using OrderPipeline.Local.Sqs.Operations;
using OrderPipeline.Local.Sqs.Queues;
using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.Sqs;

/// <summary>
/// The local stack's Amazon SQS: in-memory standard queues behind the AWS JSON 1.0 protocol that AWSSDK.SQS 4.x and the
/// other AWS SDKs speak, with the MD5 digests they check, visibility timeouts, redrive to dead-letter queues and
/// injected faults. Host it with <see cref="HandleAsync"/> as a Kestrel app's only handler, or with
/// <see cref="SqsEndpointRouteBuilderExtensions.MapSqs"/>; queue URLs are <c>&lt;service url&gt;/000000000000/&lt;name&gt;</c>.
/// </summary>
public sealed class SqsService : IDisposable
{
    public const string AccountId = SqsQueueRegistry.AccountId;

    private readonly SqsQueueRegistry _queues;
    private readonly FaultPlan<SqsError> _faults;
    private readonly FaultTally _injected = new();
    private readonly SqsHttpBinding _binding;
    private readonly CancellationTokenSource _stopping = new();

    public SqsService(SqsServiceSettings settings)
        : this(settings, TimeProvider.System, null)
    {
    }

    /// <param name="settings">Region and random fault rates.</param>
    /// <param name="time">The clock for timestamps, delays, visibility timeouts, retention and long polling.</param>
    /// <param name="observer">Sees every request and every accepted message; null for none.</param>
    public SqsService(SqsServiceSettings settings, TimeProvider time, ISqsServiceObserver? observer)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        settings.FaultRates.Validate();
        Settings = settings;
        var seen = observer ?? new SqsNullObserver();
        var rates = settings.FaultRates;
        var duplicates = rates.DuplicateDeliveryShare > 0
            ? new SqsDuplicateDeliveries(rates.DuplicateDeliveryShare, rates.Seed, _injected)
            : null;
        _queues = new SqsQueueRegistry(settings.Region, time, duplicates);
        _faults = new FaultPlan<SqsError>(
            rates.FailureShare, rates.ThrottleShare, rates.Seed, SqsError.InternalError, SqsError.RequestThrottled, rates.Operations);
        var ids = new SqsRandomIds();
        _binding = new SqsHttpBinding(
            new SqsOperationTable(_queues, seen, time, ids), _faults, _injected, seen, time, ids, _stopping.Token);
    }

    public SqsServiceSettings Settings { get; }

    /// <summary>Answers one SQS request; usable as a <see cref="RequestDelegate"/>. Never throws for bad input.</summary>
    public Task HandleAsync(HttpContext context) => _binding.HandleAsync(context);

    /// <summary>Creates a standard queue, or finds the existing one with the same attributes, and returns its ARN.</summary>
    /// <exception cref="ArgumentException">The name or an attribute is one SQS would refuse.</exception>
    public string CreateQueue(string name, SqsQueueSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        try
        {
            return _queues.Create(name, settings ?? SqsQueueSettings.Defaults).Arn;
        }
        catch (SqsProtocolException rejected)
        {
            throw new ArgumentException(rejected.Error.Message, nameof(settings));
        }
    }

    /// <summary><c>arn:aws:sqs:&lt;region&gt;:000000000000:&lt;name&gt;</c>, whether or not the queue exists.</summary>
    public string QueueArn(string name) => _queues.ArnFor(name);

    /// <summary><c>&lt;serviceUrl&gt;/000000000000/&lt;name&gt;</c>, whether or not the queue exists.</summary>
    public static string QueueUrl(string serviceUrl, string name) => SqsQueueRegistry.QueueUrlFor(serviceUrl, name);

    /// <summary>
    /// Answers the next <paramref name="count"/> calls of <paramref name="operation"/> (the name after
    /// <c>AmazonSQS.</c> in <c>X-Amz-Target</c>) with <paramref name="error"/>, replacing an earlier plan for it.
    /// </summary>
    public void FailNext(string operation, int count, SqsError error)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(error);
        _faults.FailNext(operation, count, error);
    }

    /// <summary>Answers every call of every operation with <paramref name="error"/> until <see cref="ResetFaults"/>.</summary>
    public void FailAll(SqsError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        _faults.FailAll(error);
    }

    /// <summary>Clears the scripted faults; the random rates of <see cref="Settings"/> stay.</summary>
    public void ResetFaults() => _faults.Reset();

    /// <summary>
    /// The faults injected so far, scripted and random: error answers by operation and error code, and duplicate
    /// deliveries as <c>ReceiveMessage</c> <c>DuplicateDelivery</c>.
    /// </summary>
    public IReadOnlyList<InjectedFault> InjectedFaults() => _injected.Snapshot();

    /// <summary>Ends waiting long polls (they answer with no messages), so the host can stop promptly.</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }
}
