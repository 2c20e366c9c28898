using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using OrderPipeline.Local.Otlp.Proto;
using OrderPipeline.Local.XRay;
using OrderPipeline.Tracing;

namespace OrderPipeline.Local.Otlp.Forwarding;

/// <summary>
/// Converts X-Ray segment documents (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html)
/// to OTLP spans (https://opentelemetry.io/docs/specs/otel/trace/api/): the trace id <c>1-{8 hex}-{24 hex}</c> is the
/// 16 bytes of its 32 digits, <c>id</c> and <c>parent_id</c> the span and parent span ids, the epoch-second times unix
/// nanoseconds; a segment is a SERVER span, a subsegment of namespace <c>aws</c> a CLIENT span (PRODUCER for SQS's
/// <c>SendMessage</c>/<c>SendMessageBatch</c>), of namespace <c>remote</c> a CLIENT span, any other INTERNAL; nested
/// <c>subsegments</c> become spans of their own. <c>aws</c>, <c>http</c>, <c>annotations</c> and <c>metadata</c>
/// become attributes (semantic-convention names where one exists), <c>error</c>/<c>throttle</c>/<c>fault</c> the
/// ERROR status, <c>cause</c>'s exceptions <c>exception</c> events and <c>links</c> span links.
/// </summary>
internal static class SegmentSpans
{
    /// <summary>The instrumentation scope of every forwarded span: the local stack's conversion of segment documents.</summary>
    public const string ScopeName = "OrderPipeline.Local.XRay";

    /// <summary>The SDKs' <c>service.name</c> when none is known (https://opentelemetry.io/docs/specs/semconv/resource/#service).</summary>
    public const string UnknownService = "unknown_service";

    private static readonly string[] ProducerOperations = ["SendMessage", "SendMessageBatch"];

    /// <summary>
    /// The spans of one stored document (the document's own span, then its nested subsegments'), appended to
    /// <paramref name="spans"/>; false, appending nothing, when its trace id or id is not X-Ray's form.
    /// </summary>
    public static bool TryConvert(StoredSegment segment, List<Span> spans)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(spans);
        if (!TryTraceId(segment.TraceId, out var traceId))
        {
            return false;
        }

        var first = spans.Count;
        if (!TryAdd(segment.Document, traceId, parentId: null, isSegment: segment.Type != "subsegment", spans))
        {
            spans.RemoveRange(first, spans.Count - first);
            return false;
        }

        return true;
    }

    /// <summary>
    /// The resource of the spans a segment (not a subsegment) heads: <c>service.name</c> is its name,
    /// <c>cloud.provider</c> <c>aws</c>, <c>cloud.platform</c> from its <c>origin</c>, <c>cloud.resource_id</c> its
    /// <c>resource_arn</c> (https://opentelemetry.io/docs/specs/semconv/resource/cloud/), <c>faas.name</c> its name for
    /// Lambda (https://opentelemetry.io/docs/specs/semconv/resource/faas/). Null <paramref name="segment"/>: a
    /// resource of <see cref="UnknownService"/>.
    /// </summary>
    public static Resource Resource(StoredSegment? segment)
    {
        var resource = new Resource();
        resource.Attributes.Add(Attribute("service.name", segment?.Name ?? UnknownService));
        if (segment is null)
        {
            return resource;
        }

        resource.Attributes.Add(Attribute("cloud.provider", "aws"));
        var origin = String(segment.Document, "origin");
        var platform = Platform(origin);
        if (platform is not null)
        {
            resource.Attributes.Add(Attribute("cloud.platform", platform));
        }

        if (platform == "aws_lambda")
        {
            resource.Attributes.Add(Attribute("faas.name", segment.Name));
        }

        if (String(segment.Document, "resource_arn") is { } arn)
        {
            resource.Attributes.Add(Attribute("cloud.resource_id", arn));
        }

        if (origin is not null)
        {
            resource.Attributes.Add(Attribute("aws.xray.origin", origin));
        }

        return resource;
    }

    /// <summary>
    /// <c>cloud.platform</c> for an X-Ray <c>origin</c>: the semantic conventions' AWS values
    /// (https://opentelemetry.io/docs/specs/semconv/registry/attributes/cloud/), and <c>aws_api_gateway</c> for a stage,
    /// which they have no value for.
    /// </summary>
    public static string? Platform(string? origin) => origin switch
    {
        LambdaSegments.ServiceOrigin or LambdaSegments.FunctionOrigin => "aws_lambda",
        ApiGateway.ApiGatewaySegments.StageOrigin => "aws_api_gateway",
        "AWS::EC2::Instance" => "aws_ec2",
        "AWS::ECS::Container" => "aws_ecs",
        "AWS::EKS::Container" => "aws_eks",
        "AWS::ElasticBeanstalk::Environment" => "aws_elastic_beanstalk",
        _ => null,
    };

    /// <summary>An X-Ray trace id's 16 bytes: <c>1-5759e988-bd862e3fe1be46a994272793</c> → <c>5759e988bd86…</c>.</summary>
    public static bool TryTraceId(string xrayTraceId, out ByteString bytes)
    {
        bytes = ByteString.Empty;
        if (!XRayTraceId.TryParse(xrayTraceId, out var id))
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[16];
        id.CopyTo(buffer);
        bytes = ByteString.CopyFrom(buffer);
        return true;
    }

    /// <summary>A segment id's 8 bytes: 16 hex digits.</summary>
    public static bool TrySpanId(string? segmentId, out ByteString bytes)
    {
        bytes = ByteString.Empty;
        Span<byte> buffer = stackalloc byte[8];
        if (segmentId is not { Length: 16 }
            || Convert.FromHexString(segmentId, buffer, out _, out var written) != OperationStatus.Done
            || written != 8)
        {
            return false;
        }

        bytes = ByteString.CopyFrom(buffer);
        return true;
    }

    /// <summary>Epoch seconds (X-Ray keeps microseconds) as unix nanoseconds, rounded to the microsecond.</summary>
    public static ulong UnixNanos(double epochSeconds) =>
        epochSeconds <= 0 ? 0 : (ulong)Math.Round(epochSeconds * 1e6) * 1000UL;

    private static bool TryAdd(JsonElement document, ByteString traceId, ByteString? parentId, bool isSegment, List<Span> spans)
    {
        if (!TrySpanId(String(document, "id"), out var spanId))
        {
            return false;
        }

        var start = Number(document, "start_time") ?? 0;
        var span = new Span
        {
            TraceId = traceId,
            SpanId = spanId,
            Name = String(document, "name") ?? UnknownService,
            Kind = isSegment ? Span.Types.SpanKind.Server : SubsegmentKind(document),
            StartTimeUnixNano = UnixNanos(start),
            EndTimeUnixNano = UnixNanos(Number(document, "end_time") ?? start),
            // Bits 0-7 are the W3C trace flags: everything stored was sampled.
            Flags = 1,
        };
        if (parentId is { } enclosing)
        {
            span.ParentSpanId = enclosing;
        }
        else if (TrySpanId(String(document, "parent_id"), out var parent))
        {
            span.ParentSpanId = parent;
        }

        AddAttributes(document, span, isSegment);
        AddOutcome(document, span);
        AddLinks(document, span);
        spans.Add(span);
        if (document.TryGetProperty("subsegments", out var nested) && nested.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in nested.EnumerateArray())
            {
                // A nested subsegment still in progress is sent again, complete, with its segment.
                if (child.ValueKind == JsonValueKind.Object && !IsInProgress(child)
                    && !TryAdd(child, traceId, spanId, isSegment: false, spans))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Whether a document says it is not finished (<c>in_progress: true</c>): it is sent again when it is.</summary>
    public static bool IsInProgress(JsonElement document) =>
        document.TryGetProperty("in_progress", out var flag) && flag.ValueKind == JsonValueKind.True;

    /// <summary>
    /// CLIENT for a call to an AWS service or a remote one, PRODUCER for an SQS send
    /// (https://opentelemetry.io/docs/specs/semconv/messaging/messaging-spans/#span-kind), else INTERNAL.
    /// </summary>
    private static Span.Types.SpanKind SubsegmentKind(JsonElement document)
    {
        switch (String(document, "namespace"))
        {
            case "aws":
                var operation = document.TryGetProperty("aws", out var aws) ? String(aws, "operation") : null;
                return operation is not null && ProducerOperations.Contains(operation, StringComparer.Ordinal)
                    ? Span.Types.SpanKind.Producer
                    : Span.Types.SpanKind.Client;
            case "remote":
                return Span.Types.SpanKind.Client;
            default:
                return Span.Types.SpanKind.Internal;
        }
    }

    private static void AddAttributes(JsonElement document, Span span, bool isSegment)
    {
        var attributes = span.Attributes;
        if (!isSegment && String(document, "namespace") == "aws")
        {
            // https://opentelemetry.io/docs/specs/semconv/cloud-providers/aws-sdk/: the service is the subsegment's name.
            attributes.Add(Attribute("rpc.system", "aws-api"));
            attributes.Add(Attribute("rpc.service", span.Name));
        }

        if (document.TryGetProperty("aws", out var aws) && aws.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in aws.EnumerateObject())
            {
                AddAws(field, attributes);
            }
        }

        if (document.TryGetProperty("http", out var http) && http.ValueKind == JsonValueKind.Object)
        {
            Flatten("http", http, attributes, HttpName);
        }

        if (document.TryGetProperty("annotations", out var annotations) && annotations.ValueKind == JsonValueKind.Object)
        {
            foreach (var annotation in annotations.EnumerateObject())
            {
                Add(attributes, annotation.Name, annotation.Value);
            }
        }

        if (document.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
        {
            // metadata.default.key → key (the functions' other activity tags go there); metadata.ns.key → ns.key.
            foreach (var space in metadata.EnumerateObject())
            {
                if (space.Value.ValueKind != JsonValueKind.Object)
                {
                    Add(attributes, space.Name, space.Value);
                    continue;
                }

                foreach (var entry in space.Value.EnumerateObject())
                {
                    Add(attributes, space.Name == "default" ? entry.Name : $"{space.Name}.{entry.Name}", entry.Value);
                }
            }
        }

        if (String(document, "user") is { } user)
        {
            attributes.Add(Attribute("enduser.id", user));
        }
    }

    /// <summary>
    /// One field of <c>aws</c>: the AWS SDK conventions' names where they have one
    /// (https://opentelemetry.io/docs/specs/semconv/cloud-providers/aws-sdk/,
    /// https://opentelemetry.io/docs/specs/semconv/messaging/sqs/, https://opentelemetry.io/docs/specs/semconv/database/dynamodb/),
    /// else <c>aws.</c> and its path (<c>aws.api_gateway.rest_api_id</c>).
    /// </summary>
    private static void AddAws(JsonProperty field, Google.Protobuf.Collections.RepeatedField<KeyValue> attributes)
    {
        var value = field.Value;
        switch (field.Name)
        {
            case "operation": Add(attributes, "rpc.method", value); return;
            case "region": Add(attributes, "cloud.region", value); return;
            case "account_id": Add(attributes, "cloud.account.id", value); return;
            case "queue_url": Add(attributes, "aws.sqs.queue.url", value); return;
            case "message_id": Add(attributes, "messaging.message.id", value); return;
            case "function_name": Add(attributes, "faas.invoked_name", value); return;
            case "table_name" when value.ValueKind == JsonValueKind.String:
                var tables = new ArrayValue();
                tables.Values.Add(new AnyValue { StringValue = value.GetString() });
                attributes.Add(new KeyValue { Key = "aws.dynamodb.table_names", Value = new AnyValue { ArrayValue = tables } });
                return;
            default:
                if (value.ValueKind == JsonValueKind.Object)
                {
                    Flatten($"aws.{field.Name}", value, attributes, static path => path);
                }
                else
                {
                    Add(attributes, $"aws.{field.Name}", value);
                }

                return;
        }
    }

    /// <summary>
    /// <c>http</c>'s fields under the HTTP conventions' names (https://opentelemetry.io/docs/specs/semconv/http/http-spans/),
    /// others as <c>http.</c> and their path.
    /// </summary>
    private static string HttpName(string path) => path switch
    {
        "http.request.method" => "http.request.method",
        "http.request.url" => "url.full",
        "http.request.client_ip" => "client.address",
        "http.request.user_agent" => "user_agent.original",
        "http.response.status" => "http.response.status_code",
        "http.response.content_length" => "http.response.body.size",
        _ => path,
    };

    private static void Flatten(
        string prefix, JsonElement value, Google.Protobuf.Collections.RepeatedField<KeyValue> attributes, Func<string, string> name)
    {
        foreach (var field in value.EnumerateObject())
        {
            var path = $"{prefix}.{field.Name}";
            if (field.Value.ValueKind == JsonValueKind.Object)
            {
                Flatten(path, field.Value, attributes, name);
            }
            else
            {
                Add(attributes, name(path), field.Value);
            }
        }
    }

    /// <summary>
    /// <c>error</c> (4xx), <c>throttle</c> (429) and <c>fault</c> (5xx) are the ERROR status, described by the first
    /// exception or the flag; each exception of <c>cause</c> is an <c>exception</c> event at the span's end
    /// (https://opentelemetry.io/docs/specs/semconv/exceptions/exceptions-spans/).
    /// </summary>
    private static void AddOutcome(JsonElement document, Span span)
    {
        var flag = Flag(document, "fault") ? "fault" : Flag(document, "throttle") ? "throttle" : Flag(document, "error") ? "error" : null;
        string? firstException = null;
        if (document.TryGetProperty("cause", out var cause) && cause.ValueKind == JsonValueKind.Object
            && cause.TryGetProperty("exceptions", out var exceptions) && exceptions.ValueKind == JsonValueKind.Array)
        {
            foreach (var exception in exceptions.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
            {
                var type = String(exception, "type");
                var message = String(exception, "message");
                var exceptionEvent = new Span.Types.Event { Name = "exception", TimeUnixNano = span.EndTimeUnixNano };
                if (type is not null)
                {
                    exceptionEvent.Attributes.Add(Attribute("exception.type", type));
                }

                if (message is not null)
                {
                    exceptionEvent.Attributes.Add(Attribute("exception.message", message));
                }

                if (StackTrace(exception) is { } stack)
                {
                    exceptionEvent.Attributes.Add(Attribute("exception.stacktrace", stack));
                }

                span.Events.Add(exceptionEvent);
                firstException ??= type is not null && message is not null ? $"{type}: {message}" : type ?? message;
            }
        }

        if (flag is not null)
        {
            span.Status = new Status { Code = Status.Types.StatusCode.Error, Message = firstException ?? flag };
        }
    }

    /// <summary>The frames of <c>stack</c>, one a line: <c>   at {label} in {path}:line {line}</c>, as .NET writes them.</summary>
    private static string? StackTrace(JsonElement exception)
    {
        if (!exception.TryGetProperty("stack", out var stack) || stack.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var frame in stack.EnumerateArray().Where(f => f.ValueKind == JsonValueKind.Object))
        {
            text.Append("   at ").Append(String(frame, "label") ?? "?");
            if (String(frame, "path") is { } path)
            {
                text.Append(" in ").Append(path);
                if (Number(frame, "line") is { } line)
                {
                    text.Append(CultureInfo.InvariantCulture, $":line {line}");
                }
            }

            text.Append('\n');
        }

        return text.Length == 0 ? null : text.ToString(0, text.Length - 1);
    }

    /// <summary>
    /// <c>links</c>: <c>[{"trace_id","id","attributes"?}]</c> (for a queue-triggered Lambda invocation, the producers'
    /// contexts from <c>AWSTraceHeader</c>, see <see cref="TraceLinks"/>) as span links; one it cannot read is skipped.
    /// </summary>
    private static void AddLinks(JsonElement document, Span span)
    {
        if (!document.TryGetProperty("links", out var links) || links.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var link in links.EnumerateArray().Where(l => l.ValueKind == JsonValueKind.Object))
        {
            if (String(link, "trace_id") is not { } linkedTrace || !TryTraceId(linkedTrace, out var traceId)
                || !TrySpanId(String(link, "id"), out var spanId))
            {
                span.DroppedLinksCount++;
                continue;
            }

            var otlpLink = new Span.Types.Link { TraceId = traceId, SpanId = spanId };
            if (link.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object)
            {
                foreach (var attribute in attributes.EnumerateObject())
                {
                    Add(otlpLink.Attributes, attribute.Name, attribute.Value);
                }
            }

            span.Links.Add(otlpLink);
        }
    }

    private static void Add(Google.Protobuf.Collections.RepeatedField<KeyValue> attributes, string key, JsonElement value)
    {
        if (Value(value) is { } converted)
        {
            attributes.Add(new KeyValue { Key = key, Value = converted });
        }
    }

    /// <summary>
    /// A JSON value as an attribute value: strings, booleans, integers and doubles as themselves, an array of those as
    /// an array, anything else as its JSON text; null (and text that is not text, a lone surrogate) as nothing.
    /// </summary>
    private static AnyValue? Value(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return TryGetString(value) is { } text ? new AnyValue { StringValue = text } : null;
            case JsonValueKind.True:
            case JsonValueKind.False:
                return new AnyValue { BoolValue = value.GetBoolean() };
            case JsonValueKind.Number:
                return value.TryGetInt64(out var integer)
                    ? new AnyValue { IntValue = integer }
                    : new AnyValue { DoubleValue = value.GetDouble() };
            case JsonValueKind.Array when value.EnumerateArray().All(IsPrimitive):
                var array = new ArrayValue();
                foreach (var item in value.EnumerateArray())
                {
                    if (Value(item) is { } converted)
                    {
                        array.Values.Add(converted);
                    }
                }

                return new AnyValue { ArrayValue = array };
            case JsonValueKind.Array:
            case JsonValueKind.Object:
                return new AnyValue { StringValue = value.GetRawText() };
            default:
                return null;
        }
    }

    private static bool IsPrimitive(JsonElement value) =>
        value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;

    private static KeyValue Attribute(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };

    private static bool Flag(JsonElement document, string name) =>
        document.TryGetProperty(name, out var flag) && flag.ValueKind == JsonValueKind.True;

    // The store's readers of a document's fields: the same rules (a lone surrogate or an infinite time counts as absent).
    private static string? String(JsonElement document, string name) => StoredSegment.String(document, name);

    private static string? TryGetString(JsonElement value) => StoredSegment.Text(value);

    private static double? Number(JsonElement document, string name) => StoredSegment.Number(document, name);
}
