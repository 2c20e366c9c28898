using System.Text.Json;

namespace OrderPipeline.Local.XRay.Api.Graph;

/// <summary>
/// A connection from one node to <see cref="Target"/>: a synchronous call (parent to child), or an asynchronous
/// <c>link</c> (a consumer's segment linked to the upstream call that sent its event), which carries the ages of the
/// events received instead of response times.
/// </summary>
internal sealed class ServiceEdge(ServiceNode target, bool isLink)
{
    public const string LinkEdgeType = "link";

    private readonly List<double> _receivedEventAges = [];

    public ServiceNode Target { get; } = target;

    public bool IsLink { get; } = isLink;

    public RequestStatistics Statistics { get; } = new();

    /// <summary>Seconds from the end of the upstream call to the start of the consumer's segment.</summary>
    public void RecordReceivedEventAge(double seconds) => _receivedEventAges.Add(Math.Max(0, seconds));

    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("ReferenceId", Target.ReferenceId);
        writer.WriteNumber("StartTime", Statistics.StartTime ?? 0);
        writer.WriteNumber("EndTime", Statistics.EndTime ?? 0);
        Statistics.WriteSummary(writer, "SummaryStatistics");
        if (IsLink)
        {
            RequestStatistics.WriteHistogram(writer, "ResponseTimeHistogram", []);
        }
        else
        {
            Statistics.WriteResponseTimes(writer, "ResponseTimeHistogram");
        }

        writer.WriteStartArray("Aliases");
        writer.WriteEndArray();
        if (IsLink)
        {
            writer.WriteString("EdgeType", LinkEdgeType);
            RequestStatistics.WriteHistogram(writer, "ReceivedEventAgeHistogram", _receivedEventAges);
        }

        writer.WriteEndObject();
    }
}
