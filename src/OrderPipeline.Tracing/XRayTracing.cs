using OrderPipeline.Lambda;
using OrderPipeline.Tracing.AwsSdk;

namespace OrderPipeline.Tracing;

/// <summary>The composition root's one call: X-Ray export of the given activity sources plus the AWS SDK hook.</summary>
public static class XRayTracing
{
    /// <summary>
    /// Registers the AWS SDK hook (call this before any AWS client is created), then exports the named sources and
    /// <see cref="AwsSdkTracing.ActivitySourceName"/> to the daemon at <c>AWS_XRAY_DAEMON_ADDRESS</c>.
    /// Register the result with <see cref="LambdaStartup.Observe"/> (it sends what an invocation recorded before the
    /// outcome is posted) and dispose it at shutdown to stop exporting and close the socket.
    /// </summary>
    /// <param name="getEnvironmentVariable">Reads an environment variable; null when it is not set.</param>
    /// <param name="sourceNames">The application's <see cref="System.Diagnostics.ActivitySource"/> names.</param>
    /// <param name="annotationKeys">Tag keys written as indexed annotations (e.g. <c>order_id</c>).</param>
    /// <param name="reportProblem">Told, once per kind of problem, why documents are dropped. Never the console.</param>
    public static TracingSession Start(
        Func<string, string?> getEnvironmentVariable,
        IEnumerable<string> sourceNames,
        IEnumerable<string> annotationKeys,
        Action<string>? reportProblem = null)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        ArgumentNullException.ThrowIfNull(sourceNames);
        ArgumentNullException.ThrowIfNull(annotationKeys);
        AwsSdkTracing.Register();
        var emitter = new UdpSegmentEmitter(getEnvironmentVariable, reportProblem);
        try
        {
            var exporter = new XRayExporter(emitter, sourceNames.Append(AwsSdkTracing.ActivitySourceName), annotationKeys, reportProblem);
            return new TracingSession(exporter, emitter);
        }
        catch
        {
            emitter.Dispose();
            throw;
        }
    }
}

/// <summary>
/// What <see cref="XRayTracing.Start"/> returns: sends what each invocation recorded before its outcome is posted;
/// disposed, stops the exporter first, then closes the emitter.
/// </summary>
public sealed class TracingSession : IInvocationObserver, IDisposable
{
    private readonly XRayExporter exporter;
    private readonly UdpSegmentEmitter emitter;

    internal TracingSession(XRayExporter exporter, UdpSegmentEmitter emitter)
    {
        this.exporter = exporter;
        this.emitter = emitter;
    }

    public void OnInvocationStart(ILambdaContext context) => emitter.Hold();

    public ValueTask OnInvocationEndAsync(ILambdaContext context, Exception? failure)
    {
        emitter.Flush();
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        exporter.Dispose();
        emitter.Dispose();
    }
}
