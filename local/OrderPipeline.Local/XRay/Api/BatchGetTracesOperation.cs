using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrderPipeline.Local.XRay.Api.Model;

namespace OrderPipeline.Local.XRay.Api;

/// <summary>
/// <c>BatchGetTraces</c> (https://docs.aws.amazon.com/xray/latest/api/API_BatchGetTraces.html): <c>{"TraceIds":[1 to 5
/// ids],"NextToken"?}</c> → <c>{"Traces":[{"Id","Duration","LimitExceeded","Segments":[{"Id","Document"}]}],
/// "UnprocessedTraceIds":[],"NextToken"?}</c>. As X-Ray does, each segment's document carries the subsegments sent on
/// their own nested in its <c>subsegments</c> (at any depth, by <c>parent_id</c>), and the trace carries the inferred
/// segments X-Ray adds for the services that send none (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html):
/// for each call to an SQS queue, a DynamoDB table or another downstream service that no segment of the trace answers,
/// a segment named and typed as the service graph's node (<c>orders</c>, <c>AWS::SQS::Queue</c>) with <c>inferred:
/// true</c>, the call's times, <c>http</c>, <c>aws</c> and error flags, and the call as its parent. Ids the store does not
/// hold are left out. A subsegment whose parent never arrived is listed as a segment of its own rather than lost. A page
/// holds whole traces up to <see cref="XRayApiPaging.TraceBytesPerPage"/> bytes of documents; <c>NextToken</c> gives the rest.
/// </summary>
internal sealed class BatchGetTracesOperation(TraceStore store, XRayApiPaging paging)
{
    private const string Operation = "BatchGetTraces";
    private const int MaxTraceIds = 5;
    private const int MaxTraceIdLength = 35;

    // Implied by the nesting once a subsegment sent on its own sits inside its parent.
    private static readonly string[] NestedOmits = ["trace_id", "parent_id", "type"];

    // What an inferred segment takes from the call it is inferred from, after the documented example.
    private static readonly string[] InferredCopies = ["http", "aws", "error", "throttle", "fault"];

    public void Execute(JsonElement request, Utf8JsonWriter response)
    {
        var traceIds = XRayRequest.RequiredStrings(request, "TraceIds");
        if (traceIds.Count is 0 or > MaxTraceIds)
        {
            throw XRayRequest.Constraint(
                "TraceIds", $"[{string.Join(", ", traceIds)}]",
                traceIds.Count == 0 ? "have length greater than or equal to 1" : $"have length less than or equal to {MaxTraceIds}");
        }

        if (traceIds.FirstOrDefault(id => id.Length is 0 or > MaxTraceIdLength) is { } badId)
        {
            throw XRayRequest.Constraint("TraceIds", badId, $"have length between 1 and {MaxTraceIdLength}");
        }

        var distinct = traceIds.Distinct(StringComparer.Ordinal).ToList();
        var digest = PageToken.Digest([.. distinct]);
        var next = XRayRequest.OptionalString(request, "NextToken") is { } token ? ReadPosition(token, digest, distinct.Count) : 0;

        response.WriteStartObject();
        response.WriteStartArray("Traces");
        var bytes = 0L;
        var written = 0;
        for (; next < distinct.Count; next++)
        {
            var stored = store.Trace(distinct[next]);
            if (stored.Count == 0)
            {
                continue;
            }

            var trace = TraceModel.Build(distinct[next], stored);
            var documents = Documents(trace);
            var size = documents.Sum(document => (long)document.Json.Length);
            if (written > 0 && bytes + size > paging.TraceBytesPerPage)
            {
                break;
            }

            WriteTrace(response, trace, documents);
            bytes += size;
            written++;
        }

        response.WriteEndArray();
        response.WriteStartArray("UnprocessedTraceIds");
        response.WriteEndArray();
        if (next < distinct.Count)
        {
            response.WriteString("NextToken", PageToken.Write(Operation, digest, next.ToString(CultureInfo.InvariantCulture)));
        }

        response.WriteEndObject();
    }

    /// <summary>The id of the segment inferred from <paramref name="call"/>: 16 hex digits, the same on every request.</summary>
    public static string InferredSegmentId(string traceId, TraceEntity call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{traceId}/{call.Id}/inferred")).AsSpan(0, 8));
    }

    private static int ReadPosition(string token, string digest, int count) =>
        int.TryParse(PageToken.Read(token, Operation, digest), NumberStyles.None, CultureInfo.InvariantCulture, out var position)
        && position < count
            ? position
            : throw PageToken.Invalid();

    private static List<(string Id, byte[] Json)> Documents(TraceModel trace)
    {
        var documents = new List<(string Id, byte[] Json)>();
        var buffer = new ArrayBufferWriter<byte>(1024);
        foreach (var segment in trace.Segments.Concat(trace.Detached))
        {
            documents.Add((segment.Id, Serialize(buffer, writer => WriteDocument(writer, segment, omitNestingFields: false))));
        }

        foreach (var call in trace.InferredCalls)
        {
            var id = InferredSegmentId(trace.Id, call);
            documents.Add((id, Serialize(buffer, writer => WriteInferred(writer, trace.Id, id, call))));
        }

        return documents;
    }

    private static byte[] Serialize(ArrayBufferWriter<byte> buffer, Action<Utf8JsonWriter> write)
    {
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteTrace(Utf8JsonWriter response, TraceModel trace, List<(string Id, byte[] Json)> documents)
    {
        response.WriteStartObject();
        response.WriteString("Id", trace.Id);
        response.WriteNumber("Duration", Math.Round(trace.Duration, 6));
        response.WriteBoolean("LimitExceeded", false);
        response.WriteStartArray("Segments");
        foreach (var (id, json) in documents)
        {
            response.WriteStartObject();
            response.WriteString("Id", id);
            response.WriteString("Document", json);
            response.WriteEndObject();
        }

        response.WriteEndArray();
        response.WriteEndObject();
    }

    private static void WriteDocument(Utf8JsonWriter writer, TraceEntity entity, bool omitNestingFields)
    {
        writer.WriteStartObject();
        foreach (var field in entity.Document.EnumerateObject())
        {
            if (field.NameEquals("subsegments") || (omitNestingFields && NestedOmits.Any(field.NameEquals)))
            {
                continue;
            }

            field.WriteTo(writer);
        }

        if (entity.Children.Count > 0)
        {
            writer.WriteStartArray("subsegments");
            foreach (var child in entity.Children.OrderBy(child => child.StartTime))
            {
                WriteDocument(writer, child, omitNestingFields: child.SentSeparately);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteInferred(Utf8JsonWriter writer, string traceId, string id, TraceEntity call)
    {
        var service = ServiceKey.Downstream(call)!.Value;
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteString("name", service.Name);
        writer.WriteNumber("start_time", call.StartTime);
        if (call.InProgress)
        {
            writer.WriteBoolean("in_progress", true);
        }
        else
        {
            writer.WriteNumber("end_time", call.EndTime);
        }

        writer.WriteString("parent_id", call.Id);
        writer.WriteBoolean("inferred", true);
        foreach (var name in InferredCopies)
        {
            if (JsonFields.Field(call.Document, name) is { } value)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }
        }

        writer.WriteString("trace_id", traceId);
        if (service.Type is { } type && type != ServiceKey.RemoteType)
        {
            writer.WriteString("origin", type);
        }

        writer.WriteEndObject();
    }
}
