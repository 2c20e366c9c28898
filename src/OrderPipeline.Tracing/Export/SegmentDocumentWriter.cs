using System.Buffers;
using System.Buffers.Text;
using System.Collections.Frozen;
using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using OrderPipeline.XRayCause;

namespace OrderPipeline.Tracing.Export;

/// <summary>
/// Writes a finished activity as an X-Ray subsegment document: the ids, the times, the <see cref="TraceTags"/>
/// mapped to <c>namespace</c>, <c>aws</c>, <c>http</c> and the error flags, exception events as <c>cause</c>,
/// the indexed tag keys as <c>annotations</c> and every other tag as <c>metadata.default</c>.
/// </summary>
internal sealed class SegmentDocumentWriter(FrozenSet<string> annotationKeys)
{
    /// <summary>Frames kept per exception: a subsegment must fit a datagram (the trimmer drops stacks if it still does not).</summary>
    public const int MaxStackFrames = 30;

    private const int ClientErrorMin = 400;
    private const int ServerErrorMin = 500;
    private const int ServerErrorEnd = 600;
    private const int TooManyRequests = 429;

    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;
    private const long MicrosecondsPerSecond = 1_000_000;

    private const string ExceptionEventName = "exception";
    private const string ExceptionTypeTag = "exception.type";
    private const string ExceptionMessageTag = "exception.message";
    private const string ExceptionStackTraceTag = "exception.stacktrace";

    /// <summary>
    /// How segment documents are written. Non-ASCII text stays UTF-8 rather than <c>\uXXXX</c>, which keeps documents
    /// small: they go to the X-Ray daemon as JSON and are never embedded in HTML, which is all the relaxed encoder gives up.
    /// </summary>
    public static readonly JsonWriterOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private static readonly FrozenSet<string> MappedTags = FrozenSet.Create(
        StringComparer.Ordinal,
        TraceTags.RpcSystem, TraceTags.RpcService, TraceTags.RpcMethod, TraceTags.CloudRegion, TraceTags.AwsRequestId,
        TraceTags.AwsQueueUrl, TraceTags.AwsTableName, TraceTags.AwsRetries, TraceTags.MessageId,
        TraceTags.HttpStatusCode, TraceTags.HttpMethod, TraceTags.UrlFull, TraceTags.Outcome);

    public void Write(Activity activity, Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString(SegmentFields.Name, SegmentNames.Sanitize(activity.DisplayName));
        writer.WriteString(SegmentFields.Id, activity.SpanId.ToHexString());
        Span<char> traceId = stackalloc char[XRayTraceId.Length];
        XRayTraceId.Write(activity.TraceId.ToHexString(), traceId);
        writer.WriteString(SegmentFields.TraceId, traceId);
        writer.WriteString(SegmentFields.ParentId, activity.ParentSpanId.ToHexString());
        writer.WriteString(SegmentFields.Type, SegmentFields.Subsegment);
        WriteEpochTime(writer, SegmentFields.StartTime, activity.StartTimeUtc);
        WriteEpochTime(writer, SegmentFields.EndTime, activity.StartTimeUtc + activity.Duration);

        var isAwsCall = activity.GetTagItem(TraceTags.RpcSystem) as string == TraceTags.AwsApiSystem;
        var isRemoteCall = isAwsCall || activity.Kind == ActivityKind.Client;
        if (isRemoteCall)
        {
            writer.WriteString(SegmentFields.Namespace, isAwsCall ? SegmentFields.AwsNamespace : SegmentFields.RemoteNamespace);
        }

        WriteAws(writer, activity);
        var status = TagValues.AsInteger(activity.GetTagItem(TraceTags.HttpStatusCode));
        WriteHttp(writer, activity, status);
        WriteOutcome(writer, activity, status);
        if (HasExceptions(activity))
        {
            WriteCause(writer, activity, remote: isRemoteCall && status >= ClientErrorMin);
        }

        WriteTags(writer, activity);
        writer.WriteEndObject();
    }

    /// <summary>Writes a time as Unix epoch seconds with exactly six decimals (microseconds), e.g. <c>1764134037.123456</c>.</summary>
    private static void WriteEpochTime(Utf8JsonWriter writer, JsonEncodedText name, DateTime utc)
    {
        var microseconds = (utc.Ticks - DateTime.UnixEpoch.Ticks) / TicksPerMicrosecond;
        Span<byte> text = stackalloc byte[32];
        Utf8Formatter.TryFormat(microseconds / MicrosecondsPerSecond, text, out var written);
        text[written++] = (byte)'.';
        Utf8Formatter.TryFormat(microseconds % MicrosecondsPerSecond, text[written..], out var fraction, new StandardFormat('D', 6));
        writer.WritePropertyName(name);
        writer.WriteRawValue(text[..(written + fraction)], skipInputValidation: true);
    }

    private static void WriteAws(Utf8JsonWriter writer, Activity activity)
    {
        var started = false;
        WriteAwsString(writer, activity, TraceTags.RpcMethod, SegmentFields.Operation, ref started);
        WriteAwsString(writer, activity, TraceTags.CloudRegion, SegmentFields.Region, ref started);
        WriteAwsString(writer, activity, TraceTags.AwsRequestId, SegmentFields.RequestId, ref started);
        WriteAwsString(writer, activity, TraceTags.AwsQueueUrl, SegmentFields.QueueUrl, ref started);
        WriteAwsString(writer, activity, TraceTags.AwsTableName, SegmentFields.TableName, ref started);
        if (TagValues.AsInteger(activity.GetTagItem(TraceTags.AwsRetries)) is { } retries)
        {
            StartOnce(writer, SegmentFields.Aws, ref started);
            writer.WriteNumber(SegmentFields.Retries, retries);
        }

        WriteAwsString(writer, activity, TraceTags.MessageId, SegmentFields.MessageId, ref started);
        if (started)
        {
            writer.WriteEndObject();
        }
    }

    private static void WriteAwsString(Utf8JsonWriter writer, Activity activity, string tag, JsonEncodedText field, ref bool started)
    {
        if (TagValues.AsString(activity.GetTagItem(tag)) is { } value)
        {
            StartOnce(writer, SegmentFields.Aws, ref started);
            writer.WriteString(field, value);
        }
    }

    private static void WriteHttp(Utf8JsonWriter writer, Activity activity, long? status)
    {
        var method = TagValues.AsString(activity.GetTagItem(TraceTags.HttpMethod));
        var url = TagValues.AsString(activity.GetTagItem(TraceTags.UrlFull));
        if (method is null && url is null && status is null)
        {
            return;
        }

        writer.WriteStartObject(SegmentFields.Http);
        if (method is not null || url is not null)
        {
            writer.WriteStartObject(SegmentFields.Request);
            WriteIfPresent(writer, SegmentFields.Method, method);
            WriteIfPresent(writer, SegmentFields.Url, url);
            writer.WriteEndObject();
        }

        if (status is { } code)
        {
            writer.WriteStartObject(SegmentFields.Response);
            writer.WriteNumber(SegmentFields.Status, code);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteOutcome(Utf8JsonWriter writer, Activity activity, long? status)
    {
        switch (activity.GetTagItem(TraceTags.Outcome) as string)
        {
            case TraceTags.OutcomeExpected:
                return;
            case TraceTags.OutcomeError:
                writer.WriteBoolean(SegmentFields.Error, true);
                return;
            case TraceTags.OutcomeThrottle:
                // The X-Ray SDKs mark a throttle as an error too (MarkThrottle sets both).
                writer.WriteBoolean(SegmentFields.Error, true);
                writer.WriteBoolean(SegmentFields.Throttle, true);
                return;
            case TraceTags.OutcomeFault:
                writer.WriteBoolean(SegmentFields.Fault, true);
                return;
        }

        if (status is >= ClientErrorMin and < ServerErrorMin)
        {
            writer.WriteBoolean(SegmentFields.Error, true);
            if (status == TooManyRequests)
            {
                writer.WriteBoolean(SegmentFields.Throttle, true);
            }
        }
        else if (status is >= ServerErrorMin and < ServerErrorEnd || (status is null && activity.Status == ActivityStatusCode.Error))
        {
            writer.WriteBoolean(SegmentFields.Fault, true);
        }
    }

    private static bool HasExceptions(Activity activity)
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

    /// <summary>
    /// Writes the <c>cause</c> from the activity's <c>exception</c> events (what <see cref="Activity.AddException"/>
    /// records): each event's exception and the inner exceptions written in its <c>exception.stacktrace</c>
    /// (<see cref="CauseChain.FromText"/>), with ids, <c>cause</c> links and at most <see cref="MaxStackFrames"/> frames each;
    /// <paramref name="remote"/> when they came from the called service (an error answer) rather than this process.
    /// </summary>
    private static void WriteCause(Utf8JsonWriter writer, Activity activity, bool remote)
    {
        var options = CauseOptions.Full with { Remote = remote };
        writer.WriteStartObject(SegmentFields.Cause);
        writer.WriteStartArray(SegmentFields.Exceptions);
        foreach (var activityEvent in activity.Events)
        {
            if (activityEvent.Name == ExceptionEventName)
            {
                CauseDocument.WriteExceptions(writer, ExceptionChain(activityEvent), options);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static IReadOnlyList<CauseEntry> ExceptionChain(ActivityEvent exception)
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

    private void WriteTags(Utf8JsonWriter writer, Activity activity)
    {
        var started = false;
        foreach (var (key, value) in activity.EnumerateTagObjects())
        {
            if (annotationKeys.Contains(key))
            {
                StartOnce(writer, SegmentFields.Annotations, ref started);
                writer.WritePropertyName(SegmentNames.AnnotationKey(key));
                TagValues.Write(writer, value is null ? string.Empty : value);
            }
        }

        EndIfStarted(writer, ref started);
        foreach (var (key, value) in activity.EnumerateTagObjects())
        {
            if (!annotationKeys.Contains(key) && !MappedTags.Contains(key))
            {
                if (!started)
                {
                    writer.WriteStartObject(SegmentFields.Metadata);
                    StartOnce(writer, SegmentFields.DefaultNamespace, ref started);
                }

                writer.WritePropertyName(key);
                TagValues.Write(writer, value);
            }
        }

        if (started)
        {
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
    }

    private static void StartOnce(Utf8JsonWriter writer, JsonEncodedText name, ref bool started)
    {
        if (!started)
        {
            writer.WriteStartObject(name);
            started = true;
        }
    }

    private static void EndIfStarted(Utf8JsonWriter writer, ref bool started)
    {
        if (started)
        {
            writer.WriteEndObject();
            started = false;
        }
    }

    private static void WriteIfPresent(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
