using System.Collections.Frozen;
using System.Diagnostics;
using OrderPipeline.Tracing.Export;

namespace OrderPipeline.Tracing;

/// <summary>
/// Listens to the named activity sources and sends every finished, recorded activity to a sink as an X-Ray
/// subsegment document. Sampling follows the parent: a recorded parent (<c>Sampled=1</c>) gives recorded
/// activities; a parent that is not recorded gives activities that carry ids but emit nothing; without a parent no
/// activity is created, so no trace id is ever invented here.
/// </summary>
/// <remarks>
/// Tags named in <c>annotationKeys</c> become indexed annotations (key reduced to <c>[A-Za-z0-9_]</c>); the
/// <see cref="TraceTags"/> fill <c>namespace</c>, <c>aws</c>, <c>http</c> and the error flags; every other tag is
/// metadata. Span links are not written: the X-Ray segment document has no field for them.
/// </remarks>
public sealed class XRayExporter : IDisposable
{
    private readonly ISegmentSink _sink;
    private readonly FrozenSet<string> _sourceNames;
    private readonly SegmentDocumentWriter _writer;
    private readonly Action<string>? _reportProblem;
    private readonly OnceFlag _writeProblem = new();
    private readonly DocumentBufferSlot _buffers = new();
    private readonly ActivityListener _listener;

    /// <param name="sink">Receives the documents; the exporter does not dispose it.</param>
    /// <param name="sourceNames">The <see cref="ActivitySource"/> names to export.</param>
    /// <param name="annotationKeys">The tag keys written as annotations.</param>
    /// <param name="reportProblem">Told, once, when an activity cannot be written as a document. Never the console.</param>
    public XRayExporter(
        ISegmentSink sink,
        IEnumerable<string> sourceNames,
        IEnumerable<string> annotationKeys,
        Action<string>? reportProblem = null)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(sourceNames);
        ArgumentNullException.ThrowIfNull(annotationKeys);
        _sink = sink;
        _sourceNames = sourceNames.ToFrozenSet(StringComparer.Ordinal);
        _writer = new SegmentDocumentWriter(annotationKeys.ToFrozenSet(StringComparer.Ordinal));
        _reportProblem = reportProblem;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => _sourceNames.Contains(source.Name),
            Sample = Sample,
            ActivityStopped = Export,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _buffers.Dispose();
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

    private void Export(Activity activity)
    {
        if (!activity.Recorded || activity.IdFormat != ActivityIdFormat.W3C || activity.ParentSpanId == default)
        {
            return;
        }

        var buffer = _buffers.Take();
        try
        {
            ReadOnlySpan<byte> document;
            try
            {
                document = buffer.Write(_writer, activity);
            }
            catch (ArgumentException exception)
            {
                // Utf8JsonWriter refuses text that is not valid UTF-16 (a lone surrogate in a tag); the request goes on.
                if (_writeProblem.TryClaim())
                {
                    _reportProblem?.Invoke($"Activity '{activity.DisplayName}' could not be written as a segment document: {exception.Message}");
                }

                return;
            }

            _sink.Send(document);
        }
        finally
        {
            _buffers.Return(buffer);
        }
    }
}
