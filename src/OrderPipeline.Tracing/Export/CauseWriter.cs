using System.Diagnostics;
using System.Text.Json;

namespace OrderPipeline.Tracing.Export;

/// <summary>
/// Writes the <c>cause</c> of a segment from the activity's <c>exception</c> events (what
/// <see cref="Activity.AddException"/> records): one entry per exception with id, message, type and a bounded stack.
/// </summary>
internal static class CauseWriter
{
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
        writer.WriteStartObject(SegmentFields.Cause);
        writer.WriteStartArray(SegmentFields.Exceptions);
        foreach (var activityEvent in activity.Events)
        {
            if (activityEvent.Name == ExceptionEventName)
            {
                WriteException(writer, activityEvent, remote);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteException(Utf8JsonWriter writer, ActivityEvent exception, bool remote)
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

        writer.WriteStartObject();
        writer.WriteString(SegmentFields.Id, ActivitySpanId.CreateRandom().ToHexString());
        writer.WriteString(SegmentFields.Message, message);
        writer.WriteString(SegmentFields.ExceptionType, type);
        if (remote)
        {
            writer.WriteBoolean(SegmentFields.Remote, true);
        }

        var frames = StackFrameLine.ParseAll(stackTrace);
        writer.WriteStartArray(SegmentFields.Stack);
        foreach (var frame in frames.Take(MaxStackFrames))
        {
            writer.WriteStartObject();
            writer.WriteString(SegmentFields.Label, frame.Label);
            if (frame.Path is not null)
            {
                writer.WriteString(SegmentFields.Path, frame.Path);
            }

            if (frame.Line is { } line)
            {
                writer.WriteNumber(SegmentFields.Line, line);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (frames.Count > MaxStackFrames)
        {
            writer.WriteNumber(SegmentFields.Truncated, frames.Count - MaxStackFrames);
        }

        writer.WriteEndObject();
    }
}
