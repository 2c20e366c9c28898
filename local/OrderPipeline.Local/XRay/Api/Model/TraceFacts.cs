using System.Text.Json;

namespace OrderPipeline.Local.XRay.Api.Model;

/// <summary>
/// What GetTraceSummaries reports of a trace and its filter expressions test: the services it passed through, its
/// entry point, annotations, outcome flags, durations and the entry point's HTTP fields.
/// </summary>
internal sealed class TraceFacts
{
    private TraceFacts(TraceModel trace)
    {
        Trace = trace;
        EntryPoint = trace.Segments.FirstOrDefault(IsEntry(trace)) ?? (trace.Segments.Count > 0 ? trace.Segments[0] : null);
        var calledSegments = trace.Segments.Select(segment => segment.ParentId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        Services = [.. trace.Entities.Select(entity => ServiceOf(entity, calledSegments)).OfType<ServiceKey>().Distinct()];
        Annotations = [.. trace.Entities.SelectMany(AnnotationsOf)];
        HasFault = trace.Entities.Any(entity => entity.Outcome == RequestOutcome.Fault);
        HasThrottle = trace.Entities.Any(entity => entity.Outcome == RequestOutcome.Throttle);
        HasError = HasThrottle || trace.Entities.Any(entity => entity.Outcome == RequestOutcome.Error);
    }

    public TraceModel Trace { get; }

    /// <summary>The segment that received the request: the earliest with no caller in the trace.</summary>
    public TraceEntity? EntryPoint { get; }

    /// <summary>Every service the trace passed through, segments' and inferred downstream ones, without repeats.</summary>
    public IReadOnlyList<ServiceKey> Services { get; }

    public IReadOnlyList<TraceAnnotation> Annotations { get; }

    public bool HasFault { get; }

    public bool HasError { get; }

    public bool HasThrottle { get; }

    public bool IsOk => !HasFault && !HasError;

    /// <summary>Seconds from the start of the trace to the end of its last document.</summary>
    public double Duration => Trace.Duration;

    /// <summary>Seconds the entry point took to answer.</summary>
    public double ResponseTime => EntryPoint?.Duration ?? Trace.Duration;

    public string? HttpUrl => Http("request", "url");

    public string? HttpMethod => Http("request", "method");

    public string? UserAgent => Http("request", "user_agent");

    public string? ClientIp => Http("request", "client_ip");

    public int? HttpStatus =>
        EntryPoint is { } entry && JsonFields.Field(entry.Document, "http", "response") is { } response
            && JsonFields.Number(response, "status") is { } status
            ? (int)status
            : null;

    public static TraceFacts Of(TraceModel trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        return new TraceFacts(trace);
    }

    private static Func<TraceEntity, bool> IsEntry(TraceModel trace) =>
        segment => segment.ParentId is null || trace.Find(segment.ParentId) is null;

    private static ServiceKey? ServiceOf(TraceEntity entity, HashSet<string> calledSegments) =>
        entity.IsSegment ? ServiceKey.Of(entity)
        : calledSegments.Contains(entity.Id) ? null
        : ServiceKey.Downstream(entity);

    private static IEnumerable<TraceAnnotation> AnnotationsOf(TraceEntity entity)
    {
        if (JsonFields.Field(entity.Document, "annotations") is not { ValueKind: JsonValueKind.Object } annotations)
        {
            return [];
        }

        var service = ServiceKey.Of(entity.Segment);
        return annotations.EnumerateObject()
            .Where(annotation => annotation.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number
                or JsonValueKind.True or JsonValueKind.False)
            .Select(annotation => new TraceAnnotation(annotation.Name, annotation.Value, service))
            .ToList();
    }

    private string? Http(string part, string name) =>
        EntryPoint is { } entry && JsonFields.Field(entry.Document, "http", part) is { } value
            ? JsonFields.String(value, name)
            : null;
}

/// <summary>One annotation of a trace: its key, its value (a string, number or boolean) and the service that recorded it.</summary>
internal sealed record TraceAnnotation(string Key, JsonElement Value, ServiceKey Service);
