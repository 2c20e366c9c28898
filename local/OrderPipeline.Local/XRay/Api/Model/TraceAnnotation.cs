using System.Text.Json;

namespace OrderPipeline.Local.XRay.Api.Model;

/// <summary>One annotation of a trace: its key, its value (a string, number or boolean) and the service that recorded it.</summary>
internal sealed record TraceAnnotation(string Key, JsonElement Value, ServiceKey Service);
