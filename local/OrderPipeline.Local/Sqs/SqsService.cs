using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OrderPipeline.Local.Sqs.Operations;
using OrderPipeline.Local.Sqs.Query;
using OrderPipeline.Local.Stack;

namespace OrderPipeline.Local.Sqs;

/// <summary>
/// The local stack's Amazon SQS: in-memory standard queues behind the AWS JSON 1.0 protocol that AWSSDK.SQS 4.x and the
/// other current AWS SDKs speak, and behind the query protocol (form in, XML out) of older SDKs and AWS CLIs, with the
/// MD5 digests they check, visibility timeouts, redrive to dead-letter queues and injected faults. Host it with
/// <see cref="HandleAsync"/> as a Kestrel app's only handler, or with
/// <see cref="SqsEndpointRouteBuilderExtensions.MapSqs"/>; queue URLs are <c>&lt;service url&gt;/000000000000/&lt;name&gt;</c>.
/// </summary>
/// <remarks>
/// A request reports itself to <see cref="SqsEvents.RequestReceived"/>, must carry an Authorization header (the
/// signature is not verified), meets the injected faults, and is dispatched on <c>X-Amz-Target</c> to its operation,
/// which answers in JSON or with the AWS-shaped error. A form-encoded POST, or a GET with <c>Action=</c>, is a query
/// protocol request: <see cref="SqsQueryProtocol"/> translates it for the same operations. Queue URLs in answers use
/// the scheme and host the client called.
/// </remarks>
public sealed class SqsService : IDisposable
{
    private readonly SqsQueueRegistry _queues;
    private readonly FaultPlan<SqsError> _faults;
    private readonly FaultTally _injected = new();
    private readonly SqsEvents? _events;
    private readonly TimeProvider _time;
    private readonly SqsRandomIds _ids = new();
    private readonly Dictionary<string, Func<SqsCall, Task>> _operations;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SqsQueryProtocol _query;

    public SqsService(SqsServiceSettings settings)
        : this(settings, TimeProvider.System, null)
    {
    }

    /// <param name="settings">Region and random fault rates.</param>
    /// <param name="time">The clock for timestamps, delays, visibility timeouts, retention and long polling.</param>
    /// <param name="events">Sees every request and every accepted message; null for none.</param>
    public SqsService(SqsServiceSettings settings, TimeProvider time, SqsEvents? events)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        settings.FaultRates.Validate();
        Settings = settings;
        _events = events;
        _time = time;
        var rates = settings.FaultRates;
        var duplicates = rates.DuplicateDeliveryShare > 0
            ? new SqsDuplicateDeliveries(rates.DuplicateDeliveryShare, rates.Seed, _injected)
            : null;
        _queues = new SqsQueueRegistry(settings.Region, time, duplicates);
        _faults = new FaultPlan<SqsError>(
            rates.FailureShare, rates.ThrottleShare, rates.Seed, SqsError.InternalError, SqsError.RequestThrottled, rates.Operations);
        _operations = Operations(_queues, events, time, _ids);
        _query = new SqsQueryProtocol(Resolve, events, time, _ids);
    }

    public SqsServiceSettings Settings { get; }

    /// <summary>Answers one SQS request; usable as a <see cref="RequestDelegate"/>. Never throws for bad input.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        var request = context.Request;
        var body = await SqsHttp.ReadBodyAsync(request, cancellation.Token).ConfigureAwait(false);
        if (SqsQueryProtocol.IsQueryRequest(request))
        {
            await _query.HandleAsync(context, body, cancellation.Token).ConfigureAwait(false);
            return;
        }

        var target = request.Headers[SqsHttp.TargetHeader].ToString();
        var operation = target.StartsWith(SqsHttp.TargetPrefix, StringComparison.Ordinal)
            ? target[SqsHttp.TargetPrefix.Length..]
            : null;
        _events?.RequestReceived?.Invoke(
            new SqsRequest(operation, SqsHttp.Headers(request.Headers), body, _time.GetUtcNow()));

        context.Response.Headers[SqsHttp.RequestIdHeader] = _ids.NextString();
        var output = new ArrayBufferWriter<byte>();
        try
        {
            await DispatchAsync(context, operation, body, output, cancellation.Token).ConfigureAwait(false);
            // The answer is written even when the service is stopping: a long poll it ended answers with no messages.
            await SqsHttp.WriteAsync(context.Response, StatusCodes.Status200OK, output.WrittenMemory, context.RequestAborted)
                .ConfigureAwait(false);
        }
        catch (SqsProtocolException rejected)
        {
            await SqsHttp.WriteErrorAsync(context.Response, rejected.Error, context.RequestAborted).ConfigureAwait(false);
        }
    }

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

    /// <summary>The operations this service answers, by the name after <c>AmazonSQS.</c> in <c>X-Amz-Target</c>.</summary>
    private static Dictionary<string, Func<SqsCall, Task>> Operations(
        SqsQueueRegistry queues, SqsEvents? events, TimeProvider time, SqsRandomIds ids)
    {
        var send = new SqsSendOperations(queues, events, time, ids);
        var receive = new SqsReceiveOperations(queues, time);
        var receipts = new SqsReceiptOperations(queues);
        var queueOperations = new SqsQueueOperations(queues);
        return new(StringComparer.Ordinal)
        {
            ["SendMessage"] = send.SendMessageAsync,
            ["SendMessageBatch"] = send.SendMessageBatchAsync,
            ["ReceiveMessage"] = receive.ReceiveMessageAsync,
            ["DeleteMessage"] = receipts.DeleteMessageAsync,
            ["DeleteMessageBatch"] = receipts.DeleteMessageBatchAsync,
            ["ChangeMessageVisibility"] = receipts.ChangeMessageVisibilityAsync,
            ["ChangeMessageVisibilityBatch"] = receipts.ChangeMessageVisibilityBatchAsync,
            ["CreateQueue"] = queueOperations.CreateQueueAsync,
            ["GetQueueUrl"] = queueOperations.GetQueueUrlAsync,
            ["ListQueues"] = queueOperations.ListQueuesAsync,
            ["GetQueueAttributes"] = queueOperations.GetQueueAttributesAsync,
            ["PurgeQueue"] = queueOperations.PurgeQueueAsync,
        };
    }

    private async Task DispatchAsync(
        HttpContext context, string? operation, byte[] body, IBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var authorization = SqsHttp.RequireAuthorization(request.Headers[SqsHttp.AuthorizationHeader].ToString());
        if (!HttpMethods.IsPost(request.Method)
            || request.Path != "/"
            || !SqsHttp.IsMediaType(request.ContentType, SqsHttp.JsonContentType))
        {
            throw new SqsProtocolException(SqsError.UnknownOperation(
                $"This endpoint answers only POST / with Content-Type {SqsHttp.JsonContentType}."));
        }

        var handle = Resolve(operation, request.Headers[SqsHttp.TargetHeader].ToString());
        using var document = SqsHttp.ParseJson(body);
        await using var writer = new Utf8JsonWriter(output);
        var traceHeader = request.Headers[SqsHttp.TraceHeader].ToString();
        var call = new SqsCall(
            document.RootElement, writer, SqsHttp.ServiceUrl(context), SqsHttp.AccessKeyId(authorization),
            traceHeader.Length > 0 ? traceHeader : null, cancellationToken);
        await handle(call).ConfigureAwait(false);
    }

    /// <summary>
    /// The handler of <paramref name="operation"/>, unless it is unknown (<paramref name="asCalled"/> is how the request
    /// named it) or an injected fault answers it instead.
    /// </summary>
    private Func<SqsCall, Task> Resolve(string? operation, string asCalled)
    {
        if (operation is null || !_operations.TryGetValue(operation, out var handle))
        {
            throw new SqsProtocolException(SqsError.UnknownOperation($"Unknown operation {asCalled}."));
        }

        if (_faults.Take(operation) is { } fault)
        {
            _injected.Add(operation, fault.QueryCode ?? fault.Type);
            throw new SqsProtocolException(fault);
        }

        return handle;
    }
}

/// <summary>
/// One parsed operation call: its JSON input, the writer for its JSON output, who called where, and the request's
/// <c>X-Amzn-Trace-Id</c> header (null when absent).
/// </summary>
internal sealed record SqsCall(
    JsonElement Request,
    Utf8JsonWriter Writer,
    string ServiceUrl,
    string SenderId,
    string? TraceHeader,
    CancellationToken CancellationToken);
