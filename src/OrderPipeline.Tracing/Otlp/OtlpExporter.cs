using System.Collections.Frozen;
using System.Diagnostics;
using OrderPipeline.Lambda;

namespace OrderPipeline.Tracing.Otlp;

/// <summary>
/// Exports the named activity sources as OpenTelemetry spans, one OTLP flush per invocation. It starts each
/// invocation's SERVER span (the function name; <c>faas.trigger</c>, <c>faas.invocation_id</c>, <c>faas.coldstart</c>,
/// <c>cloud.resource_id</c> = the invoked ARN, <c>cloud.account.id</c>:
/// https://opentelemetry.io/docs/specs/semconv/faas/aws-lambda/ and https://opentelemetry.io/docs/specs/semconv/faas/faas-spans/)
/// as the child of Lambda's function segment named by the invocation's trace header, so the handler's activities
/// (started under <see cref="Activity.Current"/>) are its children. Without a header the span is a new trace whose id
/// starts with the epoch seconds, as an X-Ray trace id does (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-sendingdata.html#xray-api-traceids),
/// so <c>1-xxxxxxxx-yyyy…</c> and the 32-hex id name the same trace in both worlds.
/// </summary>
/// <remarks>
/// Sampling follows the parent, like OpenTelemetry's default <c>parentbased_always_on</c> sampler and the X-Ray export:
/// <c>Sampled=1</c> records, anything else propagates ids only; an activity with no parent is not created. Spans are
/// encoded as they stop and held until <see cref="OnInvocationEndAsync"/>, which ends the invocation span and sends
/// everything before the outcome is posted (Lambda may freeze the environment after). The transport bounds that time.
/// <para>
/// Why not the official OpenTelemetry .NET SDK (OpenTelemetry + OpenTelemetry.Exporter.OpenTelemetryProtocol 1.20)?
/// It has no transport to the daemon's UDP endpoint and its protobuf serializer is internal, so the no-layer path to
/// X-Ray needs an OTLP writer of our own anyway; with it, OTLP/HTTP is one POST of the same bytes. What decided it is
/// the cold-start goal (OpenTelemetry export within 10 ms of X-Ray's under Native AOT): the SDK's TracerProvider
/// brings its builder, options and Microsoft.Extensions configuration and dependency injection into start-up and into
/// the binary, and its batch processor exports from a background thread that Lambda freezes between invocations,
/// while here nothing runs outside the invocation and start-up reads a few variables. The per-record goal is served
/// the same way: a span is encoded once, into a buffer reused from one invocation to the next.
/// </para>
/// </remarks>
internal sealed class OtlpExporter : IInvocationObserver, IDisposable
{
    /// <summary>Lambda's longest invocation; a flush never waits beyond it whatever the context says.</summary>
    private static readonly TimeSpan LongestInvocation = TimeSpan.FromSeconds(900);

    /// <summary>The source of the invocation spans.</summary>
    public const string InvocationSourceName = "OrderPipeline.Tracing.Lambda";

    private readonly ActivitySource _invocationSource = new(InvocationSourceName);
    private readonly IOtlpTransport _transport;
    private readonly FunctionTrigger _trigger;
    private readonly byte[] _resource;
    private readonly TimeProvider _time;
    private readonly Action<string> _reportProblem;
    private readonly FrozenSet<string> _sourceNames;
    private readonly ActivityListener _listener;
    private readonly Lock _gate = new();
    private readonly ProtoBuffer _requests = new(16 * 1024);
    private readonly List<OtlpRequest> _requestList = [];
    private OtlpSpanBatch _batch;
    private OtlpSpanBatch _spare;
    private Activity? _invocation;
    private long _invocations;
    private long _droppedSpans;
    private int _fullReported;
    private int _sizeReported;
    private int _writeReported;

    /// <param name="transport">Sends the requests; disposed with the exporter.</param>
    /// <param name="resource">The encoded <c>Resource</c> message body (<see cref="OtlpResource"/>).</param>
    /// <param name="sourceNames">The activity sources exported besides the invocation spans.</param>
    /// <param name="trigger">The function's trigger.</param>
    /// <param name="attributeNames">Application tag keys written under an OpenTelemetry attribute name.</param>
    /// <param name="time">The clock of the transport's bound and back-off, and of trace ids made here.</param>
    /// <param name="reportProblem">Told once per kind of problem why spans were dropped.</param>
    public OtlpExporter(
        IOtlpTransport transport,
        byte[] resource,
        IEnumerable<string> sourceNames,
        FunctionTrigger trigger,
        IEnumerable<KeyValuePair<string, string>>? attributeNames,
        TimeProvider time,
        Action<string> reportProblem)
    {
        _transport = transport;
        _resource = resource;
        _trigger = trigger;
        _time = time;
        _reportProblem = reportProblem;
        var writer = new OtlpSpanWriter(trigger, attributeNames);
        var scopes = new OtlpScopes();
        _batch = new OtlpSpanBatch(writer, scopes);
        _spare = new OtlpSpanBatch(writer, scopes);
        _sourceNames = sourceNames.ToFrozenSet(StringComparer.Ordinal);
        _listener = new ActivityListener
        {
            // The invocation spans of this exporter's own source only: a listener is process-wide, and another
            // session's invocations (tests run several) are not this one's to send.
            ShouldListenTo = source => ReferenceEquals(source, _invocationSource) || _sourceNames.Contains(source.Name),
            Sample = Sample,
            ActivityStopped = Buffer,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Spans not sent: the batch was full, a span too large, or the transport failed or backed off.</summary>
    public long DroppedSpans => Interlocked.Read(ref _droppedSpans);

    public void OnInvocationStart(ILambdaContext context)
    {
        var header = TraceHeader.TryParse(context.TraceHeader, out var parsed) ? parsed : null;
        var parent = header is null
            ? new ActivityContext(XRayTraceId.New(_time), default, ActivityTraceFlags.Recorded)
            : ParentOf(header);
        var coldStart = Interlocked.Increment(ref _invocations) == 1;
        var activity = _invocationSource.StartActivity(
            string.IsNullOrEmpty(context.FunctionName) ? InvocationSourceName : context.FunctionName, ActivityKind.Server, parent);
        header?.CarryOtherFieldsOn(activity);
        _invocation = activity;
        if (activity is null || !activity.IsAllDataRequested)
        {
            return;
        }

        activity.SetTag("faas.trigger", _trigger == FunctionTrigger.Sqs ? "pubsub" : "http");
        activity.SetTag("faas.invocation_id", context.AwsRequestId);
        activity.SetTag("faas.coldstart", coldStart);
        if (!string.IsNullOrEmpty(context.InvokedFunctionArn))
        {
            activity.SetTag("cloud.resource_id", context.InvokedFunctionArn);
            activity.SetTag("aws.lambda.invoked_arn", context.InvokedFunctionArn);
            if (context.InvokedFunctionArn.Split(':') is { Length: > 4 } arn && arn[4].Length > 0)
            {
                activity.SetTag("cloud.account.id", arn[4]);
            }
        }

        if (_trigger == FunctionTrigger.Sqs)
        {
            activity.SetTag("messaging.system", OtlpSpanWriter.AwsSqsSystem);
            activity.SetTag("messaging.operation.type", "process");
        }
    }

    /// <summary>
    /// Ends the invocation span here, synchronously, so that the caller's <see cref="Activity.Current"/> goes back to
    /// what it was before the invocation (an async method's changes to it would not reach the caller), then sends.
    /// </summary>
    public ValueTask OnInvocationEndAsync(ILambdaContext context, Exception? failure)
    {
        var invocation = Interlocked.Exchange(ref _invocation, null);
        if (invocation is not null)
        {
            if (failure is not null && invocation.IsAllDataRequested)
            {
                invocation.AddException(failure);
                invocation.SetStatus(ActivityStatusCode.Error, failure.Message);
            }

            invocation.Dispose();
        }

        return FlushAsync(context.RemainingTime);
    }

    /// <summary>Sends every span buffered so far within <paramref name="timeLeft"/> (and the transport's own bound). Never throws.</summary>
    public async ValueTask FlushAsync(TimeSpan timeLeft)
    {
        // https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html: at most 900 seconds.
        OtlpSpanBatch batch;
        lock (_gate)
        {
            if (_batch.Count == 0)
            {
                return;
            }

            batch = _batch;
            _batch = _spare;
        }

        try
        {
            var tooLarge = batch.WriteRequests(_resource, _transport.MaxRequestBytes, _requests, _requestList);
            if (tooLarge > 0)
            {
                Drop(tooLarge, ref _sizeReported, $"{tooLarge} span(s) dropped: each alone is over the transport's {_transport.MaxRequestBytes} bytes.");
            }

            // Lambda's longest timeout is 15 minutes; a context without a real deadline (a test's, a tool's: TimeSpan.MaxValue)
            // must not overflow the clock.
            var deadline = _time.GetUtcNow() + (timeLeft < LongestInvocation ? timeLeft : LongestInvocation);
            foreach (var request in _requestList)
            {
                var sent = await _transport.SendAsync(
                    _requests.WrittenMemory.Slice(request.Offset, request.Length), request.Sampled, deadline - _time.GetUtcNow()).ConfigureAwait(false);
                if (!sent)
                {
                    Interlocked.Add(ref _droppedSpans, request.Spans);
                }
            }

            _transport.Flush();
        }
        finally
        {
            batch.Clear();
            _requests.Reset(OtlpSpanBatch.KeptBytes);
            lock (_gate)
            {
                _spare = batch;
            }
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        _invocationSource.Dispose();
        _transport.Dispose();
    }

    private static ActivityContext ParentOf(TraceHeader header)
    {
        var context = header.ToActivityContext();
        if (context != default)
        {
            return context;
        }

        // A header with a Root and no Parent: the invocation span is the trace's first span, in that trace.
        return XRayTraceId.TryParse(header.Root, out var traceId)
            ? new ActivityContext(traceId, default, header.Sampled == SamplingDecision.Sampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None)
            : default;
    }

    private static ActivitySamplingResult Sample(ref ActivityCreationOptions<ActivityContext> options)
    {
        if (options.Parent == default)
        {
            return ActivitySamplingResult.None;
        }

        return options.Parent.TraceFlags.HasFlag(ActivityTraceFlags.Recorded)
            ? ActivitySamplingResult.AllDataAndRecorded
            : ActivitySamplingResult.PropagationData;
    }

    private void Buffer(Activity activity)
    {
        if (!activity.IsAllDataRequested || activity.IdFormat != ActivityIdFormat.W3C)
        {
            return;
        }

        bool added;
        try
        {
            lock (_gate)
            {
                added = _batch.Add(activity);
            }
        }
#pragma warning disable CA1031 // This runs inside Activity.Stop, on the request's path: a span that cannot be written is dropped, never thrown.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Drop(1, ref _writeReported, $"Span '{activity.DisplayName}' could not be written: {exception.GetType().Name}: {exception.Message}");
            return;
        }

        if (!added)
        {
            Drop(1, ref _fullReported, $"Span '{activity.DisplayName}' dropped: the invocation's spans are over {OtlpSpanBatch.MaxBufferedBytes} bytes.");
        }
    }

    private void Drop(int spans, ref int reported, string problem)
    {
        Interlocked.Add(ref _droppedSpans, spans);
        if (Interlocked.Exchange(ref reported, 1) == 0)
        {
            _reportProblem(problem);
        }
    }
}
