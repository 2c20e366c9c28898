using System.Text.Json;
using OrderPipeline.Local.XRay.Api.Model;

namespace OrderPipeline.Local.XRay.Api;

/// <summary>Writes one <c>TraceSummary</c> of GetTraceSummaries; times in epoch seconds, durations in seconds.</summary>
internal static class TraceSummaryWriter
{
    public static void Write(Utf8JsonWriter writer, TraceFacts facts)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(facts);
        writer.WriteStartObject();
        writer.WriteString("Id", facts.Trace.Id);
        writer.WriteNumber("StartTime", facts.Trace.StartTime);
        writer.WriteNumber("Duration", Math.Round(facts.Duration, 6));
        writer.WriteNumber("ResponseTime", Math.Round(facts.ResponseTime, 6));
        writer.WriteBoolean("HasFault", facts.HasFault);
        writer.WriteBoolean("HasError", facts.HasError);
        writer.WriteBoolean("HasThrottle", facts.HasThrottle);
        writer.WriteBoolean("IsPartial", facts.Trace.IsPartial);
        WriteHttp(writer, facts);
        WriteAnnotations(writer, facts.Annotations);
        writer.WriteStartArray("Users");
        foreach (var user in facts.Users.GroupBy(user => user.Name, StringComparer.Ordinal))
        {
            writer.WriteStartObject();
            writer.WriteString("UserName", user.Key);
            writer.WriteStartArray("ServiceIds");
            foreach (var service in user.Select(entry => entry.Service).Distinct())
            {
                WriteServiceId(writer, service);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("ServiceIds");
        foreach (var service in facts.Services)
        {
            WriteServiceId(writer, service);
        }

        writer.WriteEndArray();
        if (facts.EntryPoint is { } entry)
        {
            writer.WritePropertyName("EntryPoint");
            WriteServiceId(writer, ServiceKey.Of(entry));
        }

        writer.WriteEndObject();
    }

    /// <summary><c>{"Name","Names":[…],"AccountId","Type"}</c>, the optional members only when known.</summary>
    public static void WriteServiceId(Utf8JsonWriter writer, ServiceKey service)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("Name", service.Name);
        writer.WriteStartArray("Names");
        writer.WriteStringValue(service.Name);
        writer.WriteEndArray();
        WriteIfKnown(writer, "AccountId", service.AccountId);
        WriteIfKnown(writer, "Type", service.Type);
        writer.WriteEndObject();
    }

    private static void WriteHttp(Utf8JsonWriter writer, TraceFacts facts)
    {
        writer.WriteStartObject("Http");
        WriteIfKnown(writer, "HttpURL", facts.HttpUrl);
        if (facts.HttpStatus is { } status)
        {
            writer.WriteNumber("HttpStatus", status);
        }

        WriteIfKnown(writer, "HttpMethod", facts.HttpMethod);
        WriteIfKnown(writer, "UserAgent", facts.UserAgent);
        WriteIfKnown(writer, "ClientIp", facts.ClientIp);
        writer.WriteEndObject();
    }

    // {"key":[{"AnnotationValue":{"StringValue":"…"},"ServiceIds":[…]}]}: one entry per distinct value of a key.
    private static void WriteAnnotations(Utf8JsonWriter writer, IReadOnlyList<TraceAnnotation> annotations)
    {
        writer.WriteStartObject("Annotations");
        foreach (var key in annotations.GroupBy(annotation => annotation.Key, StringComparer.Ordinal))
        {
            writer.WriteStartArray(key.Key);
            foreach (var value in key.GroupBy(annotation => annotation.Value.GetRawText(), StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteStartObject("AnnotationValue");
                WriteAnnotationValue(writer, value.First().Value);
                writer.WriteEndObject();
                writer.WriteStartArray("ServiceIds");
                foreach (var service in value.Select(annotation => annotation.Service).Distinct())
                {
                    WriteServiceId(writer, service);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteAnnotationValue(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                writer.WriteString("StringValue", value.GetString());
                break;
            case JsonValueKind.Number:
                writer.WriteNumber("NumberValue", value.GetDouble());
                break;
            default:
                writer.WriteBoolean("BooleanValue", value.ValueKind == JsonValueKind.True);
                break;
        }
    }

    private static void WriteIfKnown(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
