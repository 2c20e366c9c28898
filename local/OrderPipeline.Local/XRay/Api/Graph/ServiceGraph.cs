using System.Text.Json;
using OrderPipeline.Local.XRay.Api.Model;

namespace OrderPipeline.Local.XRay.Api.Graph;

/// <summary>
/// Builds X-Ray's service graph from traces: a node per (segment name, origin) and per service that downstream
/// (<c>aws</c>/<c>remote</c>) subsegments called, inferred from the subsegment (an SQS call → the queue named in
/// <c>aws.queue_url</c>); edges from parent to child; a <c>client</c> node calling the segments that start a trace; and,
/// for a segment with <c>links</c>, a <c>link</c> edge from the linked call's downstream node (the queue) to it.
/// </summary>
internal sealed class ServiceGraph(Func<string, TraceModel?> findTrace)
{
    private readonly Dictionary<ServiceKey, ServiceNode> _nodes = [];
    private readonly Dictionary<string, TraceModel?> _linkedTraces = new(StringComparer.Ordinal);

    public void Add(TraceModel trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var calledSegments = trace.Segments.Select(segment => segment.ParentId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var segment in trace.Segments)
        {
            var node = Node(ServiceKey.Of(segment));
            node.Statistics.Record(segment);
            AddCaller(trace, segment, node);
            foreach (var call in DownstreamCalls(segment).Where(call => !calledSegments.Contains(call.Id)))
            {
                var target = Node(ServiceKey.Downstream(call)!.Value);
                target.Statistics.Record(call);
                node.Edge(target, isLink: false).Statistics.Record(call);
            }
        }
    }

    public void Write(Utf8JsonWriter writer, string propertyName)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray(propertyName);
        foreach (var node in _nodes.Values.OrderBy(node => node.ReferenceId))
        {
            node.Write(writer);
        }

        writer.WriteEndArray();
    }

    // The outermost downstream subsegments: what the SDK records inside a call is part of that call.
    private static IEnumerable<TraceEntity> DownstreamCalls(TraceEntity entity) =>
        entity.Children.SelectMany(child => child.IsDownstream ? [child] : DownstreamCalls(child));

    private static List<TraceLink> LinksOf(TraceEntity segment)
    {
        if (JsonFields.Field(segment.Document, "links") is not { ValueKind: JsonValueKind.Array } links)
        {
            return [];
        }

        return links.EnumerateArray()
            .Select(link => (TraceId: JsonFields.String(link, "trace_id"), Id: JsonFields.String(link, "id")))
            .Where(link => link.TraceId is not null && link.Id is not null)
            .Select(link => new TraceLink(link.TraceId!, link.Id!))
            .ToList();
    }

    private void AddCaller(TraceModel trace, TraceEntity segment, ServiceNode node)
    {
        if (segment.ParentId is { } parentId && trace.Find(parentId) is { } parent)
        {
            Node(ServiceKey.Of(parent.Segment)).Edge(node, isLink: false).Statistics.Record(segment);
            return;
        }

        var linked = false;
        foreach (var link in LinksOf(segment))
        {
            if (FindLinked(link) is not { } upstream)
            {
                continue;
            }

            var source = Node(ServiceKey.Downstream(upstream) ?? ServiceKey.Of(upstream.Segment));
            var edge = source.Edge(node, isLink: true);
            edge.Statistics.Record(segment);
            edge.RecordReceivedEventAge(segment.StartTime - upstream.EndTime);
            linked = true;
        }

        if (!linked)
        {
            node.Root = true;
            var client = Node(ServiceKey.Client);
            client.Statistics.Record(segment);
            client.Edge(node, isLink: false).Statistics.Record(segment);
        }
    }

    private TraceEntity? FindLinked(TraceLink link)
    {
        if (!_linkedTraces.TryGetValue(link.TraceId, out var trace))
        {
            trace = findTrace(link.TraceId);
            _linkedTraces.Add(link.TraceId, trace);
        }

        return trace?.Find(link.SegmentId);
    }

    private ServiceNode Node(ServiceKey key)
    {
        if (!_nodes.TryGetValue(key, out var node))
        {
            node = new ServiceNode(_nodes.Count, key);
            _nodes.Add(key, node);
        }

        return node;
    }
}
