using System.Text.Json;

namespace OrderPipeline.Local.XRay.Api.Model;

/// <summary>
/// What GetTraceSummaries reports of a trace and its filter expressions test: the services it passed through and the
/// edges between them, its entry point, annotations, users, outcome flags, durations, the entry point's HTTP fields
/// and, computed when a filter asks, its root causes.
/// </summary>
internal sealed class TraceFacts
{
    private readonly Dictionary<RootCauseKind, IReadOnlyList<RootCause>> _rootCauses = [];

    private TraceFacts(TraceModel trace)
    {
        Trace = trace;
        EntryPoint = trace.Segments.FirstOrDefault(IsEntry(trace)) ?? (trace.Segments.Count > 0 ? trace.Segments[0] : null);
        Visits =
        [
            .. trace.Segments.Select(segment => new ServiceVisit(segment, ServiceKey.Of(segment), Inferred: false, Root: segment == EntryPoint)),
            .. trace.InferredCalls.Select(call => new ServiceVisit(call, ServiceKey.Downstream(call)!.Value, Inferred: true, Root: false)),
        ];
        Services = [.. Visits.Select(visit => visit.Service).Distinct()];
        Edges = [.. EdgesOf(trace)];
        Annotations = [.. trace.Entities.SelectMany(AnnotationsOf)];
        Users = [.. trace.Segments.Select(segment => (User: JsonFields.String(segment.Document, "user"), Segment: segment))
            .Where(user => !string.IsNullOrEmpty(user.User))
            .Select(user => new TraceUser(user.User!, ServiceKey.Of(user.Segment)))
            .Distinct()];
        HasFault = trace.Entities.Any(entity => entity.Outcome == RequestOutcome.Fault);
        HasThrottle = trace.Entities.Any(entity => entity.Outcome == RequestOutcome.Throttle);
        HasError = HasThrottle || trace.Entities.Any(entity => entity.Outcome == RequestOutcome.Error);
    }

    public TraceModel Trace { get; }

    /// <summary>The segment that received the request: the earliest with no caller in the trace.</summary>
    public TraceEntity? EntryPoint { get; }

    /// <summary>Every service the trace passed through, segments' and inferred downstream ones, without repeats.</summary>
    public IReadOnlyList<ServiceKey> Services { get; }

    /// <summary>Each segment as its service's node, then each inferred node with the call it was inferred from.</summary>
    public IReadOnlyList<ServiceVisit> Visits { get; }

    /// <summary>Each call from one service to another within the trace (a segment's caller, or an inferred call).</summary>
    public IReadOnlyList<EdgeVisit> Edges { get; }

    public IReadOnlyList<TraceAnnotation> Annotations { get; }

    /// <summary>The <c>user</c> fields of the trace's segments, with the service that recorded each.</summary>
    public IReadOnlyList<TraceUser> Users { get; }

    public bool HasFault { get; }

    public bool HasError { get; }

    public bool HasThrottle { get; }

    public bool IsOk => !HasFault && !HasError;

    /// <summary>The trace has inferred segments (a call to a service that sends none).</summary>
    public bool HasInferred => Trace.InferredCalls.Count > 0;

    /// <summary>Seconds from the start of the trace to the end of its last document.</summary>
    public double Duration => Trace.Duration;

    /// <summary>Seconds the entry point took to answer.</summary>
    public double ResponseTime => EntryPoint?.Duration ?? Trace.Duration;

    public string? HttpUrl => EntryPoint is { } entry ? HttpRequest(entry, "url") : null;

    public string? HttpMethod => EntryPoint is { } entry ? HttpRequest(entry, "method") : null;

    public string? UserAgent => EntryPoint is { } entry ? HttpRequest(entry, "user_agent") : null;

    public string? ClientIp => EntryPoint is { } entry ? HttpRequest(entry, "client_ip") : null;

    public int? HttpStatus => EntryPoint is { } entry ? HttpStatusOf(entry) : null;

    public static TraceFacts Of(TraceModel trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        return new TraceFacts(trace);
    }

    /// <summary>The root causes of <paramref name="kind"/>, computed once.</summary>
    public IReadOnlyList<RootCause> RootCauses(RootCauseKind kind)
    {
        if (!_rootCauses.TryGetValue(kind, out var causes))
        {
            causes = RootCause.Find(this, kind);
            _rootCauses.Add(kind, causes);
        }

        return causes;
    }

    /// <summary>A string field of any of the trace's segments (<c>resource_arn</c>, <c>aws.ec2.instance_id</c>…).</summary>
    public IEnumerable<string> SegmentStrings(params string[] path) =>
        Trace.Segments.Select(segment => At(segment.Document, path)).OfType<string>();

    public static string? HttpRequest(TraceEntity entity, string name)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return JsonFields.Field(entity.Document, "http", "request") is { } request ? JsonFields.String(request, name) : null;
    }

    public static int? HttpStatusOf(TraceEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return JsonFields.Field(entity.Document, "http", "response") is { } response
            && JsonFields.Number(response, "status") is { } status && status is >= int.MinValue and <= int.MaxValue
            ? (int)status
            : null;
    }

    private static string? At(JsonElement document, string[] path)
    {
        var element = document;
        foreach (var name in path[..^1])
        {
            if (JsonFields.Field(element, name) is not { } inner)
            {
                return null;
            }

            element = inner;
        }

        return JsonFields.String(element, path[^1]);
    }

    private static Func<TraceEntity, bool> IsEntry(TraceModel trace) =>
        segment => segment.ParentId is null || trace.Find(segment.ParentId) is null;

    // A segment called from another segment's subsegment (or from the segment itself), then each inferred call.
    private static IEnumerable<EdgeVisit> EdgesOf(TraceModel trace)
    {
        foreach (var segment in trace.Segments)
        {
            if (segment.ParentId is { } parentId && trace.Find(parentId) is { } caller)
            {
                var call = caller.IsSegment ? segment : caller;
                yield return new EdgeVisit(ServiceKey.Of(caller.Segment), new ServiceVisit(call, ServiceKey.Of(segment), Inferred: false, Root: false));
            }
        }

        foreach (var call in trace.InferredCalls)
        {
            yield return new EdgeVisit(ServiceKey.Of(call.Segment), new ServiceVisit(call, ServiceKey.Downstream(call)!.Value, Inferred: true, Root: false));
        }
    }

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
}

/// <summary>One annotation of a trace: its key, its value (a string, number or boolean) and the service that recorded it.</summary>
internal sealed record TraceAnnotation(string Key, JsonElement Value, ServiceKey Service);

/// <summary>A <c>user</c> field of a segment and the service that recorded it.</summary>
internal sealed record TraceUser(string Name, ServiceKey Service);

/// <summary>
/// A service as <c>service(…) {filter}</c> tests it: a segment it sent, or for a service that sends none the call it was
/// inferred from. <paramref name="Root"/>: the trace's entry point.
/// </summary>
internal sealed record ServiceVisit(TraceEntity Entity, ServiceKey Service, bool Inferred, bool Root);

/// <summary>A call from <paramref name="Source"/> to <c>Call.Service</c>, as <c>edge(…) {filter}</c> tests it.</summary>
internal sealed record EdgeVisit(ServiceKey Source, ServiceVisit Call);
