using System.Buffers;
using System.Text.Json;
using OrderPipeline.Local.XRay.Api.Model;

namespace OrderPipeline.Local.XRay.Api;

/// <summary>
/// <c>BatchGetTraces</c>: <c>{"TraceIds":[…]}</c> → <c>{"Traces":[{"Id","Duration","LimitExceeded","Segments":[{"Id",
/// "Document"}]}],"UnprocessedTraceIds":[]}</c>. As X-Ray does, each segment's document carries the subsegments sent
/// on their own nested in its <c>subsegments</c> (at any depth, by <c>parent_id</c>); ids the store does not hold are
/// left out. A subsegment whose parent never arrived is listed as a segment of its own rather than lost.
/// </summary>
internal sealed class BatchGetTracesOperation(TraceStore store)
{
    // Implied by the nesting once a subsegment sent on its own sits inside its parent.
    private static readonly string[] NestedOmits = ["trace_id", "parent_id", "type"];

    public void Execute(JsonElement request, Utf8JsonWriter response)
    {
        var traceIds = XRayRequest.RequiredStrings(request, "TraceIds");
        response.WriteStartObject();
        response.WriteStartArray("Traces");
        foreach (var traceId in traceIds.Distinct(StringComparer.Ordinal))
        {
            var stored = store.Trace(traceId);
            if (stored.Count > 0)
            {
                WriteTrace(response, TraceModel.Build(traceId, stored));
            }
        }

        response.WriteEndArray();
        response.WriteStartArray("UnprocessedTraceIds");
        response.WriteEndArray();
        response.WriteEndObject();
    }

    private static void WriteTrace(Utf8JsonWriter response, TraceModel trace)
    {
        response.WriteStartObject();
        response.WriteString("Id", trace.Id);
        response.WriteNumber("Duration", Math.Round(trace.Duration, 6));
        response.WriteBoolean("LimitExceeded", false);
        response.WriteStartArray("Segments");
        var document = new ArrayBufferWriter<byte>(1024);
        foreach (var segment in trace.Segments.Concat(trace.Detached))
        {
            document.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(document))
            {
                WriteDocument(writer, segment, omitNestingFields: false);
            }

            response.WriteStartObject();
            response.WriteString("Id", segment.Id);
            response.WriteString("Document", document.WrittenSpan);
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
}
