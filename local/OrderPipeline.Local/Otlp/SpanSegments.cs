using System.Text.Json;
using OrderPipeline.Local.Otlp.Proto;
using OrderPipeline.Local.XRay;
using OrderPipeline.Tracing;
using OrderPipeline.XRayCause;

namespace OrderPipeline.Local.Otlp;

/// <summary>
/// Stores OTLP spans as the X-Ray segment documents X-Ray presents them as, so that the X-Ray API, <c>up</c> and the
/// trace viewer show a function that exports OpenTelemetry like one that sends segments. AWS documents the shape
/// of X-Ray's OTLP ingestion only in part (Transaction Search keeps spans in <c>aws/spans</c>:
/// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-Transaction-Search.html); the rules here
/// follow AWS's own span-to-segment translator, the OpenTelemetry Collector's <c>awsxray</c> exporter
/// (https://pkg.go.dev/github.com/open-telemetry/opentelemetry-collector-contrib/exporter/awsxrayexporter,
/// https://aws-otel.github.io/docs/getting-started/x-ray), and this project's own X-Ray export (TraceTags):
/// <list type="bullet">
/// <item>trace id (32 hex) → <c>1-{8 hex}-{24 hex}</c>; span id → <c>id</c>; parent span id → <c>parent_id</c>;</item>
/// <item>a SERVER span, or one without a parent, is a segment named by the resource's <c>service.name</c>; any other is a
/// subsegment named by the span (an AWS SDK call, <c>rpc.system</c> <c>aws-api</c>, by its <c>rpc.service</c>, as the
/// X-Ray SDKs name them);</item>
/// <item>CLIENT and PRODUCER subsegments are calls: namespace <c>aws</c> for <c>rpc.system</c> <c>aws-api</c>, else
/// <c>remote</c>;</item>
/// <item><c>rpc.method</c>, <c>cloud.region</c>, <c>aws.request_id</c>, <c>aws.queue_url</c> (or <c>aws.sqs.queue.url</c>),
/// <c>aws.table_name</c> (or the first of <c>aws.dynamodb.table_names</c>),
/// <c>messaging.message.id</c> fill <c>aws</c>; the HTTP method, URL and status fill <c>http</c>;</item>
/// <item>a 4xx status is <c>error</c> (429 also <c>throttle</c>), a 5xx <c>fault</c>, an ERROR status without an
/// HTTP status <c>fault</c>; <c>xray.outcome</c> overrides;</item>
/// <item><c>exception</c> events are <c>cause.exceptions</c>;</item>
/// <item>the keys listed in the <c>aws.xray.annotations</c> attribute are annotations, every other attribute is
/// <c>metadata.default</c>;</item>
/// <item>span links are <c>links</c>: <c>trace_id</c> (X-Ray form), <c>id</c> and <c>attributes</c>.</item>
/// </list>
/// </summary>
internal static class SpanSegments
{
    /// <summary>The attribute that lists which attributes X-Ray indexes as annotations (a string array).</summary>
    public const string AnnotationsAttribute = "aws.xray.annotations";

    /// <summary>The segment name when the resource has no <c>service.name</c>: the OpenTelemetry SDKs' default.</summary>
    public const string UnknownService = "unknown_service";

    private const string ServiceNameAttribute = "service.name";
    private const string LegacyHttpMethod = "http.method";
    private const string LegacyHttpUrl = "http.url";
    private const string LegacyHttpStatus = "http.status_code";

    // The semantic conventions' names for the queue and the table (https://opentelemetry.io/docs/specs/semconv/messaging/sqs/,
    // https://opentelemetry.io/docs/specs/semconv/database/dynamodb/), which the functions' OTLP export writes.
    private const string SqsQueueUrl = "aws.sqs.queue.url";
    private const string DynamoDbTableNames = "aws.dynamodb.table_names";
    private const string ExceptionEvent = "exception";
    private const int MaxStackFrames = 30;
    private const int MaxNameChars = 200;

    private static readonly HashSet<string> MappedAttributes = new(StringComparer.Ordinal)
    {
        TraceTags.RpcSystem, TraceTags.RpcService, TraceTags.RpcMethod, TraceTags.CloudRegion, TraceTags.AwsRequestId,
        TraceTags.AwsQueueUrl, TraceTags.AwsTableName, TraceTags.MessageId, TraceTags.HttpStatusCode,
        TraceTags.HttpMethod, TraceTags.UrlFull, TraceTags.Outcome, LegacyHttpMethod, LegacyHttpUrl, LegacyHttpStatus,
        AnnotationsAttribute, SqsQueueUrl, DynamoDbTableNames,
    };

    /// <summary>
    /// Stores every span of <paramref name="request"/> that makes a document X-Ray would accept; counts and describes
    /// the others (the OTLP answer's <c>partial_success</c>). Never throws for the request's content.
    /// </summary>
    public static SpanStoreResult Store(ExportTraceServiceRequest request, TraceStore store)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        var accepted = 0;
        var rejected = 0;
        string? problem = null;
        foreach (var resourceSpans in request.ResourceSpans)
        {
            var serviceName = ServiceName(resourceSpans.Resource);
            foreach (var span in resourceSpans.ScopeSpans.SelectMany(scope => scope.Spans))
            {
                if (Problem(span) is { } refused)
                {
                    rejected++;
                    problem ??= refused;
                    continue;
                }

                try
                {
                    SegmentDocuments.Add(store, writer => Write(writer, span, serviceName));
                    accepted++;
                }
                catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
                {
                    rejected++;
                    problem ??= $"Span {Hex(span.SpanId)} cannot be written as a segment document: {ex.Message}";
                }
            }
        }

        return new SpanStoreResult(accepted, rejected, problem);
    }

    /// <summary><c>1-{first 8 hex}-{last 24 hex}</c>: X-Ray's form of a 16-byte trace id.</summary>
    public static string XRayTraceId(ReadOnlySpan<byte> traceId)
    {
        var hex = Convert.ToHexStringLower(traceId);
        return $"1-{hex[..8]}-{hex[8..]}";
    }

    /// <summary>Why X-Ray could not take the span, or null.</summary>
    private static string? Problem(Span span)
    {
        var id = span.SpanId.Length == 8 ? Hex(span.SpanId) : "?";
        if (!IsId(span.TraceId.Span, 16))
        {
            return $"Span {id}: traceId must be 16 bytes, not all zero.";
        }

        if (!IsId(span.SpanId.Span, 8))
        {
            return $"A span of trace {Hex(span.TraceId)}: spanId must be 8 bytes, not all zero.";
        }

        if (!span.ParentSpanId.IsEmpty && !IsId(span.ParentSpanId.Span, 8))
        {
            return $"Span {id}: parentSpanId must be empty or 8 bytes, not all zero.";
        }

        if (span.StartTimeUnixNano == 0 || span.EndTimeUnixNano < span.StartTimeUnixNano)
        {
            return $"Span {id}: startTimeUnixNano must be set and endTimeUnixNano not before it.";
        }

        if (!IsSegment(span) && span.Name.Length == 0)
        {
            return $"Span {id}: a subsegment needs a name.";
        }

        foreach (var link in span.Links)
        {
            if (!IsId(link.TraceId.Span, 16) || !IsId(link.SpanId.Span, 8))
            {
                return $"Span {id}: a link must carry a 16-byte traceId and an 8-byte spanId.";
            }
        }

        return null;
    }

    private static bool IsId(ReadOnlySpan<byte> id, int length) => id.Length == length && id.ContainsAnyExcept((byte)0);

    private static bool IsSegment(Span span) => span.Kind == Span.Types.SpanKind.Server || span.ParentSpanId.IsEmpty;

    private static string ServiceName(Resource? resource) =>
        resource?.Attributes.FirstOrDefault(attribute => attribute.Key == ServiceNameAttribute)?.Value is
            { ValueCase: AnyValue.ValueOneofCase.StringValue, StringValue: { Length: > 0 } name }
            ? name
            : UnknownService;

    private static void Write(Utf8JsonWriter writer, Span span, string serviceName)
    {
        var attributes = new Dictionary<string, AnyValue>(StringComparer.Ordinal);
        foreach (var attribute in span.Attributes)
        {
            attributes[attribute.Key] = attribute.Value ?? new AnyValue();
        }

        var isAwsCall = Text(attributes, TraceTags.RpcSystem) == TraceTags.AwsApiSystem;
        var isSegment = IsSegment(span);
        var name = isSegment ? serviceName
            : isAwsCall && Text(attributes, TraceTags.RpcService) is { Length: > 0 } service ? service
            : span.Name;
        writer.WriteString("name", name.Length > MaxNameChars ? name[..MaxNameChars] : name);
        writer.WriteString("id", Hex(span.SpanId));
        writer.WriteString("trace_id", XRayTraceId(span.TraceId.Span));
        if (!span.ParentSpanId.IsEmpty)
        {
            writer.WriteString("parent_id", Hex(span.ParentSpanId));
        }

        if (!isSegment)
        {
            writer.WriteString("type", "subsegment");
        }

        writer.WriteNumber("start_time", Epoch(span.StartTimeUnixNano));
        writer.WriteNumber("end_time", Epoch(span.EndTimeUnixNano));
        if (!isSegment && span.Kind is Span.Types.SpanKind.Client or Span.Types.SpanKind.Producer)
        {
            writer.WriteString("namespace", isAwsCall ? "aws" : "remote");
        }

        WriteAws(writer, attributes);
        var status = Integer(attributes, TraceTags.HttpStatusCode) ?? Integer(attributes, LegacyHttpStatus);
        WriteHttp(writer, attributes, status);
        WriteOutcome(writer, span, Text(attributes, TraceTags.Outcome), status);
        WriteCause(writer, span, remote: !isSegment && isAwsCall && status >= 400);
        WriteAttributes(writer, span, attributes);
        WriteLinks(writer, span);
    }

    private static void WriteAws(Utf8JsonWriter writer, Dictionary<string, AnyValue> attributes)
    {
        (string Attribute, string Field)[] fields =
        [
            (TraceTags.RpcMethod, "operation"), (TraceTags.CloudRegion, "region"), (TraceTags.AwsRequestId, "request_id"),
            (TraceTags.AwsQueueUrl, "queue_url"), (SqsQueueUrl, "queue_url"), (TraceTags.AwsTableName, "table_name"),
            (DynamoDbTableNames, "table_name"), (TraceTags.MessageId, "message_id"),
        ];
        var present = fields.Select(field => (field.Field, Value: Text(attributes, field.Attribute) ?? FirstText(attributes, field.Attribute)))
            .Where(field => field.Value is not null)
            .DistinctBy(field => field.Field)
            .ToList();
        if (present.Count == 0)
        {
            return;
        }

        writer.WriteStartObject("aws");
        foreach (var (field, value) in present)
        {
            writer.WriteString(field, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteHttp(Utf8JsonWriter writer, Dictionary<string, AnyValue> attributes, long? status)
    {
        var method = Text(attributes, TraceTags.HttpMethod) ?? Text(attributes, LegacyHttpMethod);
        var url = Text(attributes, TraceTags.UrlFull) ?? Text(attributes, LegacyHttpUrl);
        if (method is null && url is null && status is null)
        {
            return;
        }

        writer.WriteStartObject("http");
        if (method is not null || url is not null)
        {
            writer.WriteStartObject("request");
            if (method is not null)
            {
                writer.WriteString("method", method);
            }

            if (url is not null)
            {
                writer.WriteString("url", url);
            }

            writer.WriteEndObject();
        }

        if (status is { } code)
        {
            writer.WriteStartObject("response");
            writer.WriteNumber("status", code);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html#api-segmentdocuments-errors</summary>
    private static void WriteOutcome(Utf8JsonWriter writer, Span span, string? outcome, long? status)
    {
        var (error, throttle, fault) = outcome switch
        {
            TraceTags.OutcomeExpected => (false, false, false),
            TraceTags.OutcomeError => (true, false, false),
            TraceTags.OutcomeThrottle => (true, true, false),
            TraceTags.OutcomeFault => (false, false, true),
            _ => (status is >= 400 and < 500, status == 429,
                status is >= 500 and < 600 || (status is null && span.Status?.Code == Status.Types.StatusCode.Error)),
        };
        if (error)
        {
            writer.WriteBoolean("error", true);
        }

        if (throttle)
        {
            writer.WriteBoolean("throttle", true);
        }

        if (fault)
        {
            writer.WriteBoolean("fault", true);
        }
    }

    /// <summary>
    /// Each <c>exception</c> event (https://opentelemetry.io/docs/specs/semconv/exceptions/exceptions-spans/) as an
    /// exception of <c>cause</c>, with the inner exceptions and frames its <c>exception.stacktrace</c> holds when that is
    /// .NET's text (other languages' stacks keep no frames).
    /// </summary>
    private static void WriteCause(Utf8JsonWriter writer, Span span, bool remote)
    {
        var exceptions = span.Events.Where(spanEvent => spanEvent.Name == ExceptionEvent).ToList();
        if (exceptions.Count == 0)
        {
            return;
        }

        writer.WriteStartObject("cause");
        writer.WriteStartArray("exceptions");
        foreach (var exception in exceptions)
        {
            string? Attribute(string key) =>
                exception.Attributes.FirstOrDefault(attribute => attribute.Key == key)?.Value is { ValueCase: AnyValue.ValueOneofCase.StringValue } value
                    ? value.StringValue
                    : null;
            var chain = CauseChain.FromText(
                Attribute("exception.type"), Attribute("exception.message"), Attribute("exception.stacktrace"), MaxStackFrames);
            CauseDocument.WriteExceptions(writer, chain, CauseOptions.Full with { Remote = remote });
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteAttributes(Utf8JsonWriter writer, Span span, Dictionary<string, AnyValue> attributes)
    {
        var annotated = attributes.TryGetValue(AnnotationsAttribute, out var list) && list.ValueCase == AnyValue.ValueOneofCase.ArrayValue
            ? list.ArrayValue.Values.Where(value => value.ValueCase == AnyValue.ValueOneofCase.StringValue)
                .Select(value => value.StringValue).ToHashSet(StringComparer.Ordinal)
            : [];
        var annotations = span.Attributes
            .Where(attribute => annotated.Contains(attribute.Key) && IsAnnotationValue(attribute.Value))
            .ToList();
        if (annotations.Count > 0)
        {
            writer.WriteStartObject("annotations");
            foreach (var attribute in annotations)
            {
                writer.WritePropertyName(AnnotationKey(attribute.Key));
                WriteValue(writer, attribute.Value);
            }

            writer.WriteEndObject();
        }

        var metadata = span.Attributes
            .Where(attribute => !MappedAttributes.Contains(attribute.Key) && !annotations.Contains(attribute))
            .ToList();
        if (metadata.Count > 0)
        {
            writer.WriteStartObject("metadata");
            writer.WriteStartObject("default");
            foreach (var attribute in metadata)
            {
                writer.WritePropertyName(attribute.Key);
                WriteValue(writer, attribute.Value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }
    }

    private static void WriteLinks(Utf8JsonWriter writer, Span span)
    {
        if (span.Links.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("links");
        foreach (var link in span.Links)
        {
            writer.WriteStartObject();
            writer.WriteString("trace_id", XRayTraceId(link.TraceId.Span));
            writer.WriteString("id", Hex(link.SpanId));
            if (link.Attributes.Count > 0)
            {
                writer.WriteStartObject("attributes");
                foreach (var attribute in link.Attributes)
                {
                    writer.WritePropertyName(attribute.Key);
                    WriteValue(writer, attribute.Value);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>X-Ray annotation values are strings, numbers and booleans.</summary>
    private static bool IsAnnotationValue(AnyValue? value) => value?.ValueCase is AnyValue.ValueOneofCase.StringValue
        or AnyValue.ValueOneofCase.BoolValue or AnyValue.ValueOneofCase.IntValue
        or AnyValue.ValueOneofCase.DoubleValue && double.IsFinite(value.DoubleValue);

    /// <summary>Annotation keys are letters, digits and underscores: anything else becomes an underscore.</summary>
    private static string AnnotationKey(string key) =>
        string.Create(key.Length, key, (chars, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                chars[i] = char.IsAsciiLetterOrDigit(source[i]) ? source[i] : '_';
            }
        });

    private static void WriteValue(Utf8JsonWriter writer, AnyValue? value)
    {
        switch (value?.ValueCase)
        {
            case AnyValue.ValueOneofCase.StringValue:
                writer.WriteStringValue(value.StringValue);
                break;
            case AnyValue.ValueOneofCase.BoolValue:
                writer.WriteBooleanValue(value.BoolValue);
                break;
            case AnyValue.ValueOneofCase.IntValue:
                writer.WriteNumberValue(value.IntValue);
                break;
            case AnyValue.ValueOneofCase.DoubleValue when double.IsFinite(value.DoubleValue):
                writer.WriteNumberValue(value.DoubleValue);
                break;
            case AnyValue.ValueOneofCase.DoubleValue:
                // JSON has no NaN or infinity: written as protobuf's JSON mapping writes them.
                writer.WriteStringValue(double.IsNaN(value.DoubleValue) ? "NaN" : value.DoubleValue > 0 ? "Infinity" : "-Infinity");
                break;
            case AnyValue.ValueOneofCase.BytesValue:
                writer.WriteBase64StringValue(value.BytesValue.Span);
                break;
            case AnyValue.ValueOneofCase.ArrayValue:
                writer.WriteStartArray();
                foreach (var item in value.ArrayValue.Values)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            case AnyValue.ValueOneofCase.KvlistValue:
                writer.WriteStartObject();
                foreach (var item in value.KvlistValue.Values)
                {
                    writer.WritePropertyName(item.Key);
                    WriteValue(writer, item.Value);
                }

                writer.WriteEndObject();
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static string? Text(Dictionary<string, AnyValue> attributes, string key) =>
        attributes.TryGetValue(key, out var value) && value.ValueCase == AnyValue.ValueOneofCase.StringValue ? value.StringValue : null;

    /// <summary>The first string of a string array attribute (<c>aws.dynamodb.table_names</c>).</summary>
    private static string? FirstText(Dictionary<string, AnyValue> attributes, string key) =>
        attributes.TryGetValue(key, out var value) && value.ValueCase == AnyValue.ValueOneofCase.ArrayValue
            && value.ArrayValue.Values is [{ ValueCase: AnyValue.ValueOneofCase.StringValue } first, ..]
            ? first.StringValue
            : null;

    private static long? Integer(Dictionary<string, AnyValue> attributes, string key) =>
        attributes.TryGetValue(key, out var value) && value.ValueCase == AnyValue.ValueOneofCase.IntValue ? value.IntValue : null;

    private static string Hex(Google.Protobuf.ByteString id) => Convert.ToHexStringLower(id.Span);

    /// <summary>Unix nanoseconds as X-Ray's epoch seconds, to the microsecond.</summary>
    private static double Epoch(ulong unixNanos) => Math.Round(unixNanos / 1_000d) / 1_000_000d;
}

/// <summary>What <see cref="SpanSegments.Store"/> did: spans stored, spans refused, and why the first was refused.</summary>
internal readonly record struct SpanStoreResult(int Accepted, int Rejected, string? FirstProblem);
