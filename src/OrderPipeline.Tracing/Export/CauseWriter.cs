using System.Diagnostics;
using System.Text.Json;
using OrderPipeline.XRayCause;

namespace OrderPipeline.Tracing.Export;

/// <summary>
/// Writes the <c>cause</c> of a segment from the activity's <c>exception</c> events (what
/// <see cref="Activity.AddException"/> records): each event's exception and the inner exceptions written in its
/// <c>exception.stacktrace</c> (<see cref="CauseChain.FromText"/>), with ids, <c>cause</c> links and bounded stacks.
/// </summary>
internal static class CauseWriter
{
    /// <summary>Frames kept per exception: a subsegment must fit a datagram (the trimmer drops stacks if it still does not).</summary>
    public const int MaxStackFrames = 30;

    private const string ExceptionEventName = "exception";
    private const string ExceptionTypeTag = "exception.type";
    private const string ExceptionMessageTag = "exception.message";
    private const string ExceptionStackTraceTag = "exception.stacktrace";

    public static bool HasExceptions(Activity activity)
    {
        foreach (var activityEvent in activity.Events)
        {
            if (activityEvent.Name == ExceptionEventName)
            {
                return true;
            }
        }

        return false;
    }

    /// <param name="writer">The writer, positioned inside the segment object.</param>
    /// <param name="activity">The activity whose exception events are written.</param>
    /// <param name="remote">Whether the exceptions came from the called service (an error answer) rather than this process.</param>
    public static void Write(Utf8JsonWriter writer, Activity activity, bool remote)
    {
        var options = CauseOptions.Full with { Remote = remote };
        writer.WriteStartObject(SegmentFields.Cause);
        writer.WriteStartArray(SegmentFields.Exceptions);
        foreach (var activityEvent in activity.Events)
        {
            if (activityEvent.Name == ExceptionEventName)
            {
                CauseDocument.WriteExceptions(writer, Chain(activityEvent), options);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static IReadOnlyList<CauseEntry> Chain(ActivityEvent exception)
    {
        string? type = null, message = null, stackTrace = null;
        foreach (var (key, value) in exception.EnumerateTagObjects())
        {
            switch (key)
            {
                case ExceptionTypeTag: type = TagValues.AsString(value); break;
                case ExceptionMessageTag: message = TagValues.AsString(value); break;
                case ExceptionStackTraceTag: stackTrace = TagValues.AsString(value); break;
            }
        }

        return CauseChain.FromText(type, message, stackTrace, MaxStackFrames);
    }
}
