using OrderPipeline.Lambda;
using OrderPipeline.Tracing;
using OrderPipeline.Tracing.Otlp;

namespace OrderPipeline.Benchmarks.Support;

/// <summary>
/// Tracing as a function's composition root turns it on (<see cref="FunctionTracing.Start"/>: the exporter and the AWS
/// SDK hook), with the daemon address pointing at a <see cref="LoopbackUdpReceiver"/>: X-Ray segment documents, or with
/// <c>OTEL_TRACES_EXPORTER=otlp</c> OpenTelemetry spans as <c>T1S</c> datagrams to the same daemon. Start it before
/// creating AWS clients.
/// </summary>
internal sealed class LoopbackXRay : IDisposable
{
    private static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(5);

    private readonly LoopbackUdpReceiver _daemon = new();
    private readonly TracingSession _session;
    private string? _problem;

    public LoopbackXRay(
        IEnumerable<string> sourceNames,
        IEnumerable<string> annotationKeys,
        bool otlp = false,
        FunctionTrigger trigger = FunctionTrigger.Http,
        IEnumerable<KeyValuePair<string, string>>? otlpAttributeNames = null)
    {
        var address = _daemon.DaemonAddress;
        _session = FunctionTracing.Start(
            name => name switch
            {
                "AWS_XRAY_DAEMON_ADDRESS" => address,
                "OTEL_TRACES_EXPORTER" => otlp ? "otlp" : "xray",
                "AWS_LAMBDA_FUNCTION_NAME" => "order-pipeline-bench",
                _ => null,
            },
            sourceNames,
            annotationKeys,
            trigger,
            otlpAttributeNames,
            problem => _problem ??= problem);
    }

    /// <summary>The session as the Lambda host sees it: started before the handler, ended (flushed) before the outcome is posted.</summary>
    public IInvocationObserver Invocations => _session;

    /// <summary>Throws unless <paramref name="count"/> datagrams in all have reached the daemon, and none was dropped.</summary>
    public void ExpectReceived(long count)
    {
        if (!_daemon.WaitForReceived(count, ArrivalTimeout) || _problem is not null)
        {
            throw new InvalidOperationException($"The daemon got {_daemon.Received} of {count} documents. {_problem}");
        }
    }

    /// <summary>Throws if the exporter or the emitter reported a problem (a dropped document) since the start.</summary>
    public void ExpectNoProblem()
    {
        if (_problem is not null)
        {
            throw new InvalidOperationException(_problem);
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _daemon.Dispose();
    }
}
