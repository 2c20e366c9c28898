using OrderPipeline.Lambda;
using OrderPipeline.Tracing.AwsSdk;
using OrderPipeline.Tracing.Otlp;

namespace OrderPipeline.Tracing;

/// <summary>
/// The composition root's one call: the AWS SDK hook, then the export <c>OTEL_TRACES_EXPORTER</c> chooses
/// (https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/#exporter-selection):
/// <list type="bullet">
/// <item>unset or <c>xray</c>: X-Ray subsegment documents to the daemon at <c>AWS_XRAY_DAEMON_ADDRESS</c> (the default);</item>
/// <item><c>otlp</c> with <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c> or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>: OpenTelemetry
/// spans, OTLP/HTTP protobuf (only <c>http/protobuf</c>: another <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> is reported and
/// nothing is exported);</item>
/// <item><c>otlp</c> without an endpoint: OpenTelemetry spans over the X-Ray daemon's UDP endpoint (<c>T1S</c>
/// datagrams, as ADOT sends them in Lambda; the account needs CloudWatch Transaction Search);</item>
/// <item><c>none</c>: nothing is exported (the AWS SDK hook still propagates nothing without a listener).</item>
/// </list>
/// </summary>
public static class FunctionTracing
{
    /// <summary>
    /// Registers the AWS SDK hook (call this before any AWS client is created) and starts the chosen export of the
    /// named sources and <see cref="AwsSdkTracing.ActivitySourceName"/>. Register the result with
    /// <see cref="LambdaStartup.Observe"/> (it sends what an invocation recorded before the outcome is posted) and
    /// dispose it at shutdown. Never throws for a bad variable: the problem is reported and a default used.
    /// </summary>
    /// <param name="getEnvironmentVariable">Reads an environment variable; null when it is not set.</param>
    /// <param name="sourceNames">The application's <see cref="System.Diagnostics.ActivitySource"/> names.</param>
    /// <param name="annotationKeys">X-Ray: tag keys written as indexed annotations (e.g. <c>order_id</c>).</param>
    /// <param name="trigger">OpenTelemetry: what invokes the function (<c>faas.trigger</c>).</param>
    /// <param name="otlpAttributeNames">OpenTelemetry: application tag keys and the semantic-convention name each is exported under.</param>
    /// <param name="reportProblem">Told, once per kind of problem, why traces are dropped. Never the console.</param>
    public static TracingSession Start(
        Func<string, string?> getEnvironmentVariable,
        IEnumerable<string> sourceNames,
        IEnumerable<string> annotationKeys,
        FunctionTrigger trigger,
        IEnumerable<KeyValuePair<string, string>>? otlpAttributeNames = null,
        Action<string>? reportProblem = null) =>
        StartWith(getEnvironmentVariable, sourceNames, annotationKeys, trigger, otlpAttributeNames, reportProblem, TimeProvider.System, null);

    /// <summary>
    /// As <see cref="Start"/>, with the clock, the OTLP/HTTP handler (null: the function's own) and the longest export
    /// time (null: <see cref="OtlpSettings.MaxExportTime"/>) given: tests whose collector answers widen it, so that a
    /// busy machine's first, JIT-compiled request is not cut off.
    /// </summary>
    internal static TracingSession StartWith(
        Func<string, string?> getEnvironmentVariable,
        IEnumerable<string> sourceNames,
        IEnumerable<string> annotationKeys,
        FunctionTrigger trigger,
        IEnumerable<KeyValuePair<string, string>>? otlpAttributeNames,
        Action<string>? reportProblem,
        TimeProvider time,
        HttpMessageHandler? httpHandler,
        TimeSpan? maxExportTime = null)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        ArgumentNullException.ThrowIfNull(sourceNames);
        ArgumentNullException.ThrowIfNull(annotationKeys);
        var report = reportProblem ?? (_ => { });
        var problems = new List<string>();
        var settings = OtlpSettings.From(getEnvironmentVariable, problems, maxExportTime ?? OtlpSettings.MaxExportTime);
        problems.ForEach(report);
        switch (settings.Exporter)
        {
            case TracesExporter.XRay:
                return XRayTracing.Start(getEnvironmentVariable, sourceNames, annotationKeys, reportProblem);
            case TracesExporter.None:
                return new TracingSession();
        }

        AwsSdkTracing.Register();
        // OtlpSettings has turned an endpoint it refused, or a protocol other than http/protobuf, into None (reported).
        IOtlpTransport transport = settings.Endpoint is not null
            ? new HttpOtlpTransport(
                settings.Endpoint, settings.Headers, settings.Timeout, httpHandler ?? HttpOtlpTransport.CreateHandler(settings.Timeout), time, report)
            : new UdpOtlpTransport(new UdpSegmentEmitter(getEnvironmentVariable, reportProblem));
        try
        {
            var exporter = new OtlpExporter(
                transport,
                OtlpResource.Encode(settings, getEnvironmentVariable),
                sourceNames.Append(AwsSdkTracing.ActivitySourceName),
                trigger,
                otlpAttributeNames,
                time,
                report);
            return new TracingSession(exporter);
        }
        catch
        {
            transport.Dispose();
            throw;
        }
    }
}

/// <summary>
/// What <see cref="FunctionTracing.Start"/> and <see cref="XRayTracing.Start"/> return: an invocation observer that
/// sends what each invocation recorded before its outcome is posted; disposed, stops exporting and closes its socket
/// or HTTP client.
/// </summary>
public sealed class TracingSession : IInvocationObserver, IDisposable
{
    private readonly XRayExporter? _xray;
    private readonly UdpSegmentEmitter? _emitter;
    private readonly OtlpExporter? _otlp;

    /// <summary>Exports nothing.</summary>
    internal TracingSession()
    {
    }

    internal TracingSession(XRayExporter exporter, UdpSegmentEmitter emitter)
    {
        _xray = exporter;
        _emitter = emitter;
    }

    internal TracingSession(OtlpExporter exporter) => _otlp = exporter;

    /// <summary>Which export runs.</summary>
    public TracesExporter Exporter => _otlp is not null ? TracesExporter.Otlp : _xray is not null ? TracesExporter.XRay : TracesExporter.None;

    /// <summary>OpenTelemetry spans not sent (batch full, too large, or the endpoint failed or was backed off from); 0 for the other exports.</summary>
    public long DroppedSpans => _otlp?.DroppedSpans ?? 0;

    public void OnInvocationStart(ILambdaContext context)
    {
        // X-Ray: the invocation's documents are held and sent together at its end, with one system call.
        _emitter?.Hold();
        _otlp?.OnInvocationStart(context);
    }

    public ValueTask OnInvocationEndAsync(ILambdaContext context, Exception? failure)
    {
        if (_otlp is not null)
        {
            return _otlp.OnInvocationEndAsync(context, failure);
        }

        _emitter?.Flush();
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        _xray?.Dispose();
        _emitter?.Dispose();
        _otlp?.Dispose();
    }
}
