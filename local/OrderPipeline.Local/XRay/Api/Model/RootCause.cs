using System.Text.Json;

namespace OrderPipeline.Local.XRay.Api.Model;

/// <summary>Which root causes a <c>rootcause.&lt;kind&gt;.*</c> filter keyword reads.</summary>
internal enum RootCauseKind
{
    Fault,
    Error,
    Throttle,
    ResponseTime,
}

/// <summary>
/// Where a fault, error or throttle originated, or where the response time went: the services from the trace's entry
/// point to the origin, in call order, the last being the culprit (an inferred one when the failing call went to a
/// service that sends no segments).
/// </summary>
internal sealed record RootCause(IReadOnlyList<RootCauseService> Services)
{
    /// <summary>
    /// The root causes of <paramref name="kind"/>: for a fault, error or throttle, one per deepest entity with that
    /// outcome (none of what it contains or calls has it); for the response time, the one path that follows the slowest
    /// call from the entry point down.
    /// </summary>
    public static IReadOnlyList<RootCause> Find(TraceFacts facts, RootCauseKind kind)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var trace = facts.Trace;
        var called = trace.Segments.Where(segment => segment.ParentId is not null)
            .ToLookup(segment => segment.ParentId!, StringComparer.Ordinal);
        IEnumerable<TraceEntity> Callees(TraceEntity entity) => entity.Children.Concat(called[entity.Id]);

        IEnumerable<TraceEntity> origins;
        if (kind == RootCauseKind.ResponseTime)
        {
            origins = facts.EntryPoint is { } entry ? [Slowest(entry, Callees)] : [];
        }
        else
        {
            var outcome = kind switch
            {
                RootCauseKind.Fault => RequestOutcome.Fault,
                RootCauseKind.Error => RequestOutcome.Error,
                _ => RequestOutcome.Throttle,
            };
            origins = trace.Entities.Where(entity => entity.Outcome == outcome && !Callees(entity).Any(callee => callee.Outcome == outcome));
        }

        var inferred = trace.InferredCalls.ToHashSet();
        return [.. origins.Select(origin => Build(facts, PathTo(trace, origin), inferred.Contains(origin)))];
    }

    private static TraceEntity Slowest(TraceEntity entry, Func<TraceEntity, IEnumerable<TraceEntity>> callees)
    {
        var visited = new HashSet<TraceEntity>();
        var current = entry;
        while (visited.Add(current) && callees(current).MaxBy(callee => callee.Duration) is { } slowest)
        {
            current = slowest;
        }

        return current;
    }

    // From the outermost caller down to the origin, across segments by parent_id.
    private static List<TraceEntity> PathTo(TraceModel trace, TraceEntity origin)
    {
        var path = new List<TraceEntity>();
        var visited = new HashSet<TraceEntity>();
        for (var entity = origin; entity is not null && visited.Add(entity);)
        {
            path.Add(entity);
            entity = entity.Container ?? (entity.ParentId is { } parentId ? trace.Find(parentId) : null);
        }

        path.Reverse();
        return path;
    }

    private static RootCause Build(TraceFacts facts, List<TraceEntity> path, bool originInferred)
    {
        var groups = new List<(ServiceKey Service, bool Inferred, List<TraceEntity> Entities)>();
        foreach (var entity in path)
        {
            var service = ServiceKey.Of(entity.Segment);
            if (groups.Count == 0 || !ReferenceEquals(groups[^1].Entities[0].Segment, entity.Segment))
            {
                groups.Add((service, false, []));
            }

            groups[^1].Entities.Add(entity);
        }

        if (originInferred)
        {
            groups.Add((ServiceKey.Downstream(path[^1])!.Value, true, [path[^1]]));
        }

        var responseTime = facts.ResponseTime;
        return new RootCause([.. groups.Select((group, index) => new RootCauseService(
            group.Service,
            group.Inferred,
            [.. group.Entities.Select((entity, at) => RootCauseEntity.Of(
                entity, group.Inferred ? group.Service.Name : entity.Name, responseTime, at, group.Entities.Count))],
            index,
            groups.Count))]);
    }
}

/// <summary>A service of a root cause; <paramref name="Path"/>: its entities from its segment down to the origin.</summary>
internal sealed record RootCauseService(ServiceKey Service, bool Inferred, IReadOnlyList<RootCauseEntity> Path, int Index, int Count);

/// <summary>
/// An entity of a root cause service. <paramref name="Coverage"/>: its duration over the entry point's response time;
/// <paramref name="Remote"/>: a call to a remote service, or an exception that says it was remote.
/// </summary>
internal sealed record RootCauseEntity(string Name, bool Remote, double Coverage, IReadOnlyList<RootCauseException> Exceptions, int Index, int Count)
{
    public static RootCauseEntity Of(TraceEntity entity, string name, double responseTime, int index, int count)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var exceptions = JsonFields.Field(entity.Document, "cause", "exceptions") is { ValueKind: JsonValueKind.Array } list
            ? list.EnumerateArray().Where(exception => exception.ValueKind == JsonValueKind.Object).ToList()
            : [];
        return new RootCauseEntity(
            name,
            entity.Namespace == "remote" || exceptions.Any(exception => JsonFields.IsTrue(exception, "remote")),
            responseTime > 0 ? entity.Duration / responseTime : 0,
            [.. exceptions.Select((exception, at) => new RootCauseException(
                JsonFields.String(exception, "type") ?? JsonFields.String(exception, "name") ?? "",
                JsonFields.String(exception, "message") ?? "",
                at,
                exceptions.Count))],
            index,
            count);
    }
}

/// <summary>An exception recorded in a root cause entity's <c>cause.exceptions</c>: its type as name, and its message.</summary>
internal sealed record RootCauseException(string Name, string Message, int Index, int Count);
