using System.Collections.Frozen;
using System.Diagnostics;
using System.Globalization;

namespace OrderPipeline.Tracing.Otlp;

/// <summary>The trigger of a function's invocations, for <c>faas.trigger</c> and the messaging attributes.</summary>
public enum FunctionTrigger
{
    /// <summary>API Gateway: <c>faas.trigger = http</c>.</summary>
    Http,

    /// <summary>An SQS event source mapping: <c>faas.trigger = pubsub</c>, and each CONSUMER span is an SQS <c>process</c>.</summary>
    Sqs,
}

/// <summary>
/// Writes a finished <see cref="Activity"/> as the body of an OTLP <c>Span</c> message
/// (opentelemetry/proto/trace/v1/trace.proto), following the OpenTelemetry semantic conventions. The activities are
/// the ones the X-Ray exporter reads too, so the conventions that differ from their tags are applied here, at export,
/// and the activities (and the X-Ray documents and their cost) stay as they are:
/// <list type="bullet">
/// <item>An AWS SDK call (<c>rpc.system = aws-api</c>) is named <c>Service.Operation</c>
/// (https://opentelemetry.io/docs/specs/semconv/cloud-providers/aws-sdk/).</item>
/// <item>An SQS call gets <c>messaging.system = aws_sqs</c>, <c>messaging.operation.name</c>,
/// <c>messaging.operation.type</c> (<c>send</c>: the span is then a PRODUCER), <c>messaging.destination.name</c> (the
/// queue name from its URL) and <c>aws.sqs.queue.url</c> in place of the X-Ray tag <c>aws.queue_url</c>
/// (https://opentelemetry.io/docs/specs/semconv/messaging/sqs/).</item>
/// <item>A DynamoDB call gets <c>db.system.name = aws.dynamodb</c> and <c>aws.dynamodb.table_names</c> in place of
/// <c>aws.table_name</c> (https://opentelemetry.io/docs/specs/semconv/database/dynamodb/).</item>
/// <item>In an SQS-triggered function a CONSUMER span is the processing of a message:
/// <c>messaging.system = aws_sqs</c>, <c>messaging.operation.type = process</c>
/// (https://opentelemetry.io/docs/specs/semconv/faas/aws-lambda/#sqs-message).</item>
/// <item>Tags the application names under its own keys get their convention's name (<c>attributeNames</c>, e.g.
/// <c>message_id</c> → <c>messaging.message.id</c>).</item>
/// <item>Events (<see cref="Activity.AddException"/> writes <c>exception</c> events with <c>exception.type</c>,
/// <c>exception.message</c>, <c>exception.stacktrace</c>, https://opentelemetry.io/docs/specs/semconv/exceptions/exceptions-spans/),
/// links (the producer's span context on a consumer record) and status are written as they are.</item>
/// </list>
/// </summary>
internal sealed class OtlpSpanWriter(FunctionTrigger trigger, IEnumerable<KeyValuePair<string, string>>? attributeNames = null)
{
    public const string AwsSqsSystem = "aws_sqs";

    private const string SqsService = "SQS";
    private const string DynamoDbService = "DynamoDB";
    private const string AwsDynamoDbSystem = "aws.dynamodb";
    private const string ProcessOperation = "process";

    private readonly FrozenDictionary<string, string> _attributeNames =
        (attributeNames ?? []).ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Writes the body of the <c>Span</c> message of <paramref name="activity"/>.</summary>
    public void Write(Activity activity, ProtoBuffer output)
    {
        string? rpcSystem = null, service = null, method = null, queueUrl = null, tableName = null;
        foreach (ref readonly var tag in activity.EnumerateTagObjects())
        {
            switch (tag.Key)
            {
                case TraceTags.RpcSystem: rpcSystem = tag.Value as string; break;
                case TraceTags.RpcService: service = tag.Value as string; break;
                case TraceTags.RpcMethod: method = tag.Value as string; break;
                case TraceTags.AwsQueueUrl: queueUrl = tag.Value as string; break;
                case TraceTags.AwsTableName: tableName = tag.Value as string; break;
            }
        }

        var isAwsCall = rpcSystem == TraceTags.AwsApiSystem && service is not null && method is not null;
        var kind = activity.Kind;
        if (isAwsCall && service == SqsService && SqsOperationType(method!) == "send")
        {
            kind = ActivityKind.Producer;
        }

        Span<byte> id = stackalloc byte[16];
        Span<byte> spanId = stackalloc byte[8];
        activity.TraceId.CopyTo(id);
        output.WriteBytesField(OtlpFields.SpanTraceId, id);
        activity.SpanId.CopyTo(spanId);
        output.WriteBytesField(OtlpFields.SpanSpanId, spanId);
        if (!string.IsNullOrEmpty(activity.TraceStateString))
        {
            output.WriteStringField(OtlpFields.SpanTraceState, activity.TraceStateString);
        }

        if (activity.ParentSpanId != default)
        {
            activity.ParentSpanId.CopyTo(spanId);
            output.WriteBytesField(OtlpFields.SpanParentSpanId, spanId);
        }

        output.WriteFixed32Field(OtlpFields.SpanFlags, Flags(activity.ActivityTraceFlags, activity.HasRemoteParent));
        output.WriteStringField(OtlpFields.SpanName, isAwsCall ? $"{service}.{method}" : activity.DisplayName);
        output.WriteVarintField(OtlpFields.SpanKind, (ulong)kind + 1);
        var start = UnixNanos(activity.StartTimeUtc);
        output.WriteFixed64Field(OtlpFields.SpanStartTime, start);
        output.WriteFixed64Field(OtlpFields.SpanEndTime, start + (ulong)activity.Duration.Ticks * 100);

        foreach (ref readonly var tag in activity.EnumerateTagObjects())
        {
            switch (tag.Key)
            {
                case TraceTags.AwsQueueUrl when isAwsCall:
                    WriteAttribute(output, OtlpFields.SpanAttributes, "aws.sqs.queue.url", tag.Value);
                    break;
                case TraceTags.AwsTableName when isAwsCall:
                    if (tag.Value is string table)
                    {
                        WriteAttribute(output, OtlpFields.SpanAttributes, "aws.dynamodb.table_names", new[] { table });
                    }

                    break;
                default:
                    WriteAttribute(output, OtlpFields.SpanAttributes, _attributeNames.GetValueOrDefault(tag.Key, tag.Key), tag.Value);
                    break;
            }
        }

        if (isAwsCall && service == SqsService)
        {
            WriteAttribute(output, OtlpFields.SpanAttributes, "messaging.system", AwsSqsSystem);
            WriteAttribute(output, OtlpFields.SpanAttributes, "messaging.operation.name", method);
            WriteAttribute(output, OtlpFields.SpanAttributes, "messaging.operation.type", SqsOperationType(method!));
            WriteAttribute(output, OtlpFields.SpanAttributes, "messaging.destination.name", QueueName(queueUrl));
        }
        else if (isAwsCall && service == DynamoDbService)
        {
            WriteAttribute(output, OtlpFields.SpanAttributes, "db.system.name", AwsDynamoDbSystem);
            WriteAttribute(output, OtlpFields.SpanAttributes, "db.operation.name", method);
        }
        else if (!isAwsCall && kind == ActivityKind.Consumer && trigger == FunctionTrigger.Sqs)
        {
            WriteAttribute(output, OtlpFields.SpanAttributes, "messaging.system", AwsSqsSystem);
            WriteAttribute(output, OtlpFields.SpanAttributes, "messaging.operation.type", ProcessOperation);
            WriteAttribute(output, OtlpFields.SpanAttributes, "messaging.operation.name", ProcessOperation);
        }

        foreach (ref readonly var activityEvent in activity.EnumerateEvents())
        {
            var body = output.BeginMessage(OtlpFields.SpanEvents);
            output.WriteFixed64Field(OtlpFields.EventTime, UnixNanos(activityEvent.Timestamp.UtcDateTime));
            output.WriteStringField(OtlpFields.EventName, activityEvent.Name);
            foreach (ref readonly var tag in activityEvent.EnumerateTagObjects())
            {
                WriteAttribute(output, OtlpFields.EventAttributes, tag.Key, tag.Value);
            }

            output.EndMessage(body);
        }

        foreach (ref readonly var link in activity.EnumerateLinks())
        {
            var body = output.BeginMessage(OtlpFields.SpanLinks);
            link.Context.TraceId.CopyTo(id);
            output.WriteBytesField(OtlpFields.LinkTraceId, id);
            link.Context.SpanId.CopyTo(spanId);
            output.WriteBytesField(OtlpFields.LinkSpanId, spanId);
            if (!string.IsNullOrEmpty(link.Context.TraceState))
            {
                output.WriteStringField(OtlpFields.LinkTraceState, link.Context.TraceState);
            }

            foreach (ref readonly var tag in link.EnumerateTagObjects())
            {
                WriteAttribute(output, OtlpFields.LinkAttributes, tag.Key, tag.Value);
            }

            output.WriteFixed32Field(OtlpFields.LinkFlags, Flags(link.Context.TraceFlags, link.Context.IsRemote));
            output.EndMessage(body);
        }

        if (activity.Status != ActivityStatusCode.Unset)
        {
            var body = output.BeginMessage(OtlpFields.SpanStatus);
            if (activity.Status == ActivityStatusCode.Error && !string.IsNullOrEmpty(activity.StatusDescription))
            {
                output.WriteStringField(OtlpFields.StatusMessage, activity.StatusDescription);
            }

            output.WriteVarintField(OtlpFields.StatusCode, activity.Status == ActivityStatusCode.Ok ? 1UL : 2UL);
            output.EndMessage(body);
        }
    }

    /// <summary>Writes a <c>KeyValue</c> field; a null value is skipped, an unknown type written as its invariant text.</summary>
    public static void WriteAttribute(ProtoBuffer output, int field, string key, object? value)
    {
        if (value is null)
        {
            return;
        }

        var body = output.BeginMessage(field);
        output.WriteStringField(OtlpFields.KeyValueKey, key);
        var any = output.BeginMessage(OtlpFields.KeyValueValue);
        WriteAnyValue(output, value);
        output.EndMessage(any);
        output.EndMessage(body);
    }

    /// <summary>
    /// The OTLP span flags: the W3C trace flags in the low byte, and whether the parent (or linked) context is remote,
    /// with the bit that says this is known (trace.proto, <c>SpanFlags</c>).
    /// </summary>
    internal static uint Flags(ActivityTraceFlags traceFlags, bool isRemote) =>
        (uint)traceFlags | OtlpFields.ContextHasIsRemote | (isRemote ? OtlpFields.ContextIsRemote : 0);

    internal static ulong UnixNanos(DateTime utc) => (ulong)(utc.Ticks - DateTime.UnixEpoch.Ticks) * 100;

    private static void WriteAnyValue(ProtoBuffer output, object value)
    {
        switch (value)
        {
            case string text:
                output.WriteStringField(OtlpFields.AnyValueString, text);
                break;
            case bool flag:
                output.WriteVarintField(OtlpFields.AnyValueBool, flag ? 1UL : 0UL);
                break;
            case int or long or short or sbyte or byte or ushort or uint:
                output.WriteVarintField(OtlpFields.AnyValueInt, unchecked((ulong)Convert.ToInt64(value, CultureInfo.InvariantCulture)));
                break;
            case double or float or decimal:
                output.WriteDoubleField(OtlpFields.AnyValueDouble, Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            case string[] texts:
                var array = output.BeginMessage(OtlpFields.AnyValueArray);
                foreach (var text in texts)
                {
                    var element = output.BeginMessage(OtlpFields.ArrayValueValues);
                    output.WriteStringField(OtlpFields.AnyValueString, text ?? string.Empty);
                    output.EndMessage(element);
                }

                output.EndMessage(array);
                break;
            default:
                output.WriteStringField(OtlpFields.AnyValueString, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
                break;
        }
    }

    private static string? SqsOperationType(string method) => method switch
    {
        "SendMessage" or "SendMessageBatch" => "send",
        "ReceiveMessage" => "receive",
        "DeleteMessage" or "DeleteMessageBatch" or "ChangeMessageVisibility" or "ChangeMessageVisibilityBatch" => "settle",
        _ => null,
    };

    /// <summary>The queue name, the last segment of its URL (<c>https://sqs.{region}.amazonaws.com/{account}/{name}</c>).</summary>
    private static string? QueueName(string? queueUrl) =>
        queueUrl is null ? null : queueUrl.TrimEnd('/') is var trimmed && trimmed.LastIndexOf('/') is var slash and >= 0
            ? trimmed[(slash + 1)..]
            : queueUrl;
}

/// <summary>
/// The field numbers of the OTLP messages written here, from opentelemetry/proto (collector/trace/v1/trace_service.proto,
/// trace/v1/trace.proto, resource/v1/resource.proto, common/v1/common.proto).
/// </summary>
internal static class OtlpFields
{
    public const int RequestResourceSpans = 1;
    public const int ResourceSpansResource = 1;
    public const int ResourceSpansScopeSpans = 2;
    public const int ResourceAttributes = 1;
    public const int ScopeSpansScope = 1;
    public const int ScopeSpansSpans = 2;
    public const int ScopeName = 1;
    public const int ScopeVersion = 2;

    public const int SpanTraceId = 1;
    public const int SpanSpanId = 2;
    public const int SpanTraceState = 3;
    public const int SpanParentSpanId = 4;
    public const int SpanName = 5;
    public const int SpanKind = 6;
    public const int SpanStartTime = 7;
    public const int SpanEndTime = 8;
    public const int SpanAttributes = 9;
    public const int SpanEvents = 11;
    public const int SpanLinks = 13;
    public const int SpanStatus = 15;
    public const int SpanFlags = 16;

    public const int EventTime = 1;
    public const int EventName = 2;
    public const int EventAttributes = 3;

    public const int LinkTraceId = 1;
    public const int LinkSpanId = 2;
    public const int LinkTraceState = 3;
    public const int LinkAttributes = 4;
    public const int LinkFlags = 6;

    public const int StatusMessage = 2;
    public const int StatusCode = 3;

    public const int KeyValueKey = 1;
    public const int KeyValueValue = 2;
    public const int AnyValueString = 1;
    public const int AnyValueBool = 2;
    public const int AnyValueInt = 3;
    public const int AnyValueDouble = 4;
    public const int AnyValueArray = 5;
    public const int ArrayValueValues = 1;

    public const uint ContextHasIsRemote = 0x100;
    public const uint ContextIsRemote = 0x200;
}
