using OrderPipeline.Lambda;
using OrderPipeline.Tracing.AwsSdk;

namespace OrderPipeline.Tracing;

/// <summary>X-Ray export of the given activity sources plus the AWS SDK hook, whatever <c>OTEL_TRACES_EXPORTER</c> says (<see cref="FunctionTracing.Start"/> reads it).</summary>
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
