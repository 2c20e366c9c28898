namespace OrderPipeline.Local.XRay.Api.Model;

/// <summary>
/// One trace assembled as X-Ray presents it: the latest version of each document by id, subsegments sent on their own
/// put under the segment or subsegment their <c>parent_id</c> names, segments in order of start.
/// </summary>
internal sealed class TraceModel
{
    private readonly Dictionary<string, TraceEntity> _byId;

    private TraceModel(
        string id, IReadOnlyList<TraceEntity> segments, IReadOnlyList<TraceEntity> detached, Dictionary<string, TraceEntity> byId)
    {
        Id = id;
        Segments = segments;
        Detached = detached;
        _byId = byId;
        var all = segments.Concat(detached).SelectMany(entity => entity.SelfAndDescendants()).ToList();
        StartTime = all.Count == 0 ? 0 : all.Min(entity => entity.StartTime);
        EndTime = all.Count == 0 ? 0 : all.Max(entity => entity.EndTime);
        Entities = all;
        var called = segments.Select(segment => segment.ParentId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        InferredCalls = [.. segments.Concat(detached).SelectMany(OutermostDownstream).Where(call => !called.Contains(call.Id))];
    }

    public string Id { get; }

    /// <summary>The trace's segments (the documents that are not subsegments), earliest first.</summary>
    public IReadOnlyList<TraceEntity> Segments { get; }

    /// <summary>Subsegments sent on their own whose parent is not (yet) in the trace.</summary>
    public IReadOnlyList<TraceEntity> Detached { get; }

    /// <summary>Every segment and subsegment, each segment followed by what it contains.</summary>
    public IReadOnlyList<TraceEntity> Entities { get; }

    /// <summary>
    /// The outermost downstream (<c>aws</c>/<c>remote</c>) subsegments that no segment of the trace answers: the calls
    /// from which X-Ray infers a segment and a node for a service that sends none (an SQS queue, a DynamoDB table).
    /// </summary>
    public IReadOnlyList<TraceEntity> InferredCalls { get; }

    /// <summary>Epoch seconds: the earliest start of any entity.</summary>
    public double StartTime { get; }

    /// <summary>Epoch seconds: the latest end of any entity.</summary>
    public double EndTime { get; }

    /// <summary>Seconds.</summary>
    public double Duration => EndTime - StartTime;

    /// <summary>Something is missing or unfinished: a subsegment without its parent, or a document still in progress.</summary>
    public bool IsPartial => Detached.Count > 0 || Entities.Any(entity => entity.InProgress);

    public TraceEntity? Find(string id) => _byId.GetValueOrDefault(id);

    // What the SDK records inside a call is part of that call: below a downstream subsegment nothing more is inferred.
    private static IEnumerable<TraceEntity> OutermostDownstream(TraceEntity entity)
    {
        var pending = new Stack<TraceEntity>(entity.Children.Reverse());
        while (pending.TryPop(out var child))
        {
            if (child.IsDownstream)
            {
                yield return child;
                continue;
            }

            for (var i = child.Children.Count - 1; i >= 0; i--)
            {
                pending.Push(child.Children[i]);
            }
        }
    }

    public static TraceModel Build(string traceId, IReadOnlyList<StoredSegment> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var latest = new Dictionary<string, StoredSegment>(StringComparer.Ordinal);
        foreach (var segment in stored)
        {
            latest[segment.Id] = segment;
        }

        var sent = latest.Values.Select(TraceEntity.From).ToList();
        var byId = new Dictionary<string, TraceEntity>(StringComparer.Ordinal);
        foreach (var entity in sent.SelectMany(entity => entity.SelfAndDescendants()).Where(entity => entity.Id.Length > 0))
        {
            byId.TryAdd(entity.Id, entity);
        }

        foreach (var subsegment in sent.Where(entity => !entity.IsSegment))
        {
            if (subsegment.ParentId is { } parentId && byId.TryGetValue(parentId, out var parent))
            {
                parent.TryAttach(subsegment);
            }
        }

        var segments = sent.Where(entity => entity.IsSegment).OrderBy(entity => entity.StartTime).ToList();
        var detached = sent.Where(entity => !entity.IsSegment && entity.Container is null).ToList();
        return new TraceModel(traceId, segments, detached, byId);
    }
}
