using System.Collections.Concurrent;
using System.Diagnostics;
using OrderPipeline.Tracing.AwsSdk;

namespace OrderPipeline.Tracing.Tests.AwsSdk;

/// <summary>
/// Listens to <see cref="AwsSdkTracing.ActivitySourceName"/> and to a parent source of the test's own, sampling as the
/// X-Ray exporter does: recorded parent -> AllDataAndRecorded, parent not recorded -> PropagationData, no parent ->
/// <see cref="RootSampling"/> (None unless the test says otherwise). Keeps the stopped SDK activities.
/// </summary>
internal sealed class ActivityRecorder : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public ActivityRecorder(ActivitySamplingResult rootSampling = ActivitySamplingResult.None)
    {
        ParentSource = new ActivitySource("AwsSdkTracingTests." + Guid.NewGuid().ToString("N"));
        RootSampling = rootSampling;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source == ParentSource || source.Name == AwsSdkTracing.ActivitySourceName,
            Sample = Sample,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == AwsSdkTracing.ActivitySourceName)
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ActivitySource ParentSource { get; }

    public ActivitySamplingResult RootSampling { get; }

    /// <summary>The stopped SDK activities whose parent is <paramref name="parent"/>.</summary>
    public IReadOnlyList<Activity> ChildrenOf(Activity parent) =>
        [.. _stopped.Where(a => a.TraceId == parent.TraceId && a.ParentSpanId == parent.SpanId)];

    /// <summary>The stopped SDK activities tagged with <paramref name="queueUrl"/>.</summary>
    public IReadOnlyList<Activity> ForQueue(string queueUrl) =>
        [.. _stopped.Where(a => Equals(a.GetTagItem(TraceTags.AwsQueueUrl), queueUrl))];

    /// <summary>Starts a server activity of the parent source under a remote parent context.</summary>
    public Activity StartParent(ActivityContext remoteParent) =>
        ParentSource.StartActivity("Handler", ActivityKind.Server, remoteParent)
        ?? throw new InvalidOperationException("The parent activity was not sampled.");

    /// <summary>Starts a server activity of the parent source under <paramref name="incoming"/>, carrying its other fields.</summary>
    public Activity StartParent(TraceHeader incoming)
    {
        var parent = StartParent(incoming.ToActivityContext());
        incoming.CarryOtherFieldsOn(parent);
        return parent;
    }

    public void Dispose()
    {
        _listener.Dispose();
        ParentSource.Dispose();
    }

    private ActivitySamplingResult Sample(ref ActivityCreationOptions<ActivityContext> options)
    {
        if (options.Parent == default)
        {
            return RootSampling;
        }

        return options.Parent.TraceFlags.HasFlag(ActivityTraceFlags.Recorded)
            ? ActivitySamplingResult.AllDataAndRecorded
            : ActivitySamplingResult.PropagationData;
    }
}
