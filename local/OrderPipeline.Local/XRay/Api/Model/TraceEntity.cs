using System.Text.Json;

namespace OrderPipeline.Local.XRay.Api.Model;

/// <summary>
/// A segment or subsegment of an assembled trace: its document, where it sits (the segment or subsegment that contains
/// it) and what it contains, whether embedded in its document or sent on its own and attached by <c>parent_id</c>.
/// </summary>
internal sealed class TraceEntity
{
    private const string SubsegmentsField = "subsegments";
    private readonly List<TraceEntity> _children = [];

    private TraceEntity(JsonElement document, bool isSegment, bool sentSeparately)
    {
        Document = document;
        IsSegment = isSegment;
        SentSeparately = sentSeparately;
        Id = JsonFields.String(document, "id") ?? "";
        Name = JsonFields.String(document, "name") ?? "";
        StartTime = JsonFields.Number(document, "start_time") ?? 0;
        EndTime = JsonFields.Number(document, "end_time") ?? StartTime;
        ParentId = JsonFields.String(document, "parent_id");
        Origin = JsonFields.String(document, "origin");
        Namespace = JsonFields.String(document, "namespace");
        InProgress = JsonFields.IsTrue(document, "in_progress") || JsonFields.Number(document, "end_time") is null;
        Outcome = OutcomeOf(document);
        if (JsonFields.Field(document, SubsegmentsField) is { ValueKind: JsonValueKind.Array } embedded)
        {
            foreach (var child in embedded.EnumerateArray().Where(child => child.ValueKind == JsonValueKind.Object))
            {
                Attach(new TraceEntity(child, isSegment: false, sentSeparately: false));
            }
        }
    }

    public JsonElement Document { get; }

    /// <summary>A segment (a document of its own, not a subsegment).</summary>
    public bool IsSegment { get; }

    /// <summary>Sent as a document of its own rather than inside its parent's <c>subsegments</c>.</summary>
    public bool SentSeparately { get; }

    public string Id { get; }

    public string Name { get; }

    /// <summary>Epoch seconds.</summary>
    public double StartTime { get; }

    /// <summary>Epoch seconds; <see cref="StartTime"/> while the document has none.</summary>
    public double EndTime { get; }

    public double Duration => Math.Max(0, EndTime - StartTime);

    public string? ParentId { get; }

    public string? Origin { get; }

    public string? Namespace { get; }

    public bool InProgress { get; }

    public RequestOutcome Outcome { get; }

    /// <summary>A subsegment for a call to another service (namespace <c>aws</c> or <c>remote</c>).</summary>
    public bool IsDownstream => !IsSegment && Namespace is "aws" or "remote";

    /// <summary>The segment or subsegment containing this one; null for segments and for subsegments whose parent never arrived.</summary>
    public TraceEntity? Container { get; private set; }

    public IReadOnlyList<TraceEntity> Children => _children;

    /// <summary>The segment this entity belongs to; itself for a segment or a detached subsegment.</summary>
    public TraceEntity Segment => Container?.Segment ?? this;

    public static TraceEntity From(StoredSegment stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return new(stored.Document, stored.Type != "subsegment", sentSeparately: true);
    }

    /// <summary>This entity and everything it contains, depth first.</summary>
    public IEnumerable<TraceEntity> SelfAndDescendants()
    {
        var pending = new Stack<TraceEntity>();
        pending.Push(this);
        while (pending.TryPop(out var entity))
        {
            yield return entity;
            for (var i = entity._children.Count - 1; i >= 0; i--)
            {
                pending.Push(entity._children[i]);
            }
        }
    }

    /// <summary>Puts <paramref name="child"/> under this entity unless that would close a loop; false then.</summary>
    public bool TryAttach(TraceEntity child)
    {
        ArgumentNullException.ThrowIfNull(child);
        for (var ancestor = this; ancestor is not null; ancestor = ancestor.Container)
        {
            if (ReferenceEquals(ancestor, child))
            {
                return false;
            }
        }

        Attach(child);
        return true;
    }

    private void Attach(TraceEntity child)
    {
        child.Container = this;
        _children.Add(child);
    }

    private static RequestOutcome OutcomeOf(JsonElement document)
    {
        var status = JsonFields.Field(document, "http", "response") is { } response ? JsonFields.Number(response, "status") : null;
        return JsonFields.IsTrue(document, "fault") || status >= 500 ? RequestOutcome.Fault
            : JsonFields.IsTrue(document, "throttle") || status == 429 ? RequestOutcome.Throttle
            : JsonFields.IsTrue(document, "error") || status >= 400 ? RequestOutcome.Error
            : RequestOutcome.Ok;
    }
}

/// <summary>How a segment or subsegment ended, as X-Ray counts it in its statistics.</summary>
internal enum RequestOutcome
{
    /// <summary>Neither an error nor a fault.</summary>
    Ok,

    /// <summary><c>error</c>: a client error (4xx), other than a throttle.</summary>
    Error,

    /// <summary><c>throttle</c>: the request was throttled (429); also an error.</summary>
    Throttle,

    /// <summary><c>fault</c>: a server error (5xx).</summary>
    Fault,
}
