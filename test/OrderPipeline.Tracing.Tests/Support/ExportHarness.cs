using System.Diagnostics;
using System.Text.Json;

namespace OrderPipeline.Tracing.Tests.Support;

/// <summary>An exporter on a fresh activity source, writing to an in-memory sink.</summary>
internal sealed class ExportHarness : IDisposable
{
    public static readonly DateTime Start = new DateTime(2026, 11, 26, 5, 13, 57, DateTimeKind.Utc).AddTicks(1_234_560);

    private readonly XRayExporter _exporter;

    public ExportHarness(params string[] annotationKeys)
    {
        Source = TestSources.Create();
        _exporter = new XRayExporter(Sink, [Source.Name], annotationKeys);
    }

    public ActivitySource Source { get; }

    public InMemorySegmentSink Sink { get; } = new();

    public static ActivityContext SampledParent =>
        new TraceHeader(Headers.Root, Headers.Parent, SamplingDecision.Sampled).ToActivityContext();

    /// <summary>Runs one activity under the documented sampled header, from 05:13:57.123456 for 1.5 ms, and returns its document.</summary>
    public JsonElement ExportOne(string name, ActivityKind kind, Action<Activity> configure)
    {
        using (var activity = Source.StartActivity(name, kind, SampledParent)!)
        {
            activity.SetStartTime(Start);
            configure(activity);
            activity.SetEndTime(Start.AddTicks(15_000));
        }

        return Sink.Single();
    }

    public void Dispose()
    {
        _exporter.Dispose();
        Source.Dispose();
    }
}
