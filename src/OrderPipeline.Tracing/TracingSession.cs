namespace OrderPipeline.Tracing;

/// <summary>What <see cref="XRayTracing.Start"/> returns: stops the exporter first, then closes the emitter.</summary>
internal sealed class TracingSession(XRayExporter exporter, UdpSegmentEmitter emitter) : IDisposable
{
    public void Dispose()
    {
        exporter.Dispose();
        emitter.Dispose();
    }
}
