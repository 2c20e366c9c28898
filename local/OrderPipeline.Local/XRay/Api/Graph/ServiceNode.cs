using System.Text.Json;
using OrderPipeline.Local.XRay.Api.Model;

namespace OrderPipeline.Local.XRay.Api.Graph;

/// <summary>A service of the graph (X-Ray's <c>Service</c>): its identity, statistics and outgoing edges.</summary>
internal sealed class ServiceNode(int referenceId, ServiceKey key)
{
    private const string ActiveState = "active";
    private const string UnknownState = "unknown";
    private static readonly JsonEncodedText ReferenceIdField = JsonEncodedText.Encode("ReferenceId");
    private static readonly JsonEncodedText RootField = JsonEncodedText.Encode("Root");

    private readonly Dictionary<(int Target, bool IsLink), ServiceEdge> _edges = [];

    public int ReferenceId { get; } = referenceId;

    public ServiceKey Key { get; } = key;

    /// <summary>Receives requests from outside the traced services (the client node calls it).</summary>
    public bool Root { get; set; }

    public RequestStatistics Statistics { get; } = new();

    public ServiceEdge Edge(ServiceNode target, bool isLink)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!_edges.TryGetValue((target.ReferenceId, isLink), out var edge))
        {
            edge = new ServiceEdge(target, isLink);
            _edges.Add((target.ReferenceId, isLink), edge);
        }

        return edge;
    }

    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var edges = _edges.Values.OrderBy(edge => edge.Target.ReferenceId).ToList();
        var times = edges.Select(edge => edge.Statistics).Prepend(Statistics).ToList();
        writer.WriteStartObject();
        writer.WriteNumber(ReferenceIdField, ReferenceId);
        writer.WriteString("Name", Key.Name);
        writer.WriteStartArray("Names");
        writer.WriteStringValue(Key.Name);
        writer.WriteEndArray();
        writer.WriteBoolean(RootField, Root);
        if (Key.AccountId is { } account)
        {
            writer.WriteString("AccountId", account);
        }

        if (Key.Type is { } type)
        {
            writer.WriteString("Type", type);
        }

        writer.WriteString("State", Key == ServiceKey.Client ? UnknownState : ActiveState);
        writer.WriteNumber("StartTime", times.Min(statistics => statistics.StartTime) ?? 0);
        writer.WriteNumber("EndTime", times.Max(statistics => statistics.EndTime) ?? 0);
        writer.WriteStartArray("Edges");
        foreach (var edge in edges)
        {
            edge.Write(writer);
        }

        writer.WriteEndArray();
        Statistics.WriteSummary(writer, "SummaryStatistics");
        Statistics.WriteResponseTimes(writer, "DurationHistogram");
        Statistics.WriteResponseTimes(writer, "ResponseTimeHistogram");
        writer.WriteEndObject();
    }
}
