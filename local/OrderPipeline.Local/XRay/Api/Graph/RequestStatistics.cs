using System.Text.Json;
using OrderPipeline.Local.XRay.Api.Model;

namespace OrderPipeline.Local.XRay.Api.Graph;

/// <summary>
/// The requests counted on a node or an edge of the service graph: outcomes, response times (seconds) and the time
/// they span (epoch seconds), written as X-Ray's <c>ServiceStatistics</c>/<c>EdgeStatistics</c> and histograms.
/// </summary>
internal sealed class RequestStatistics
{
    private readonly List<double> _responseTimes = [];
    private int _ok;
    private int _errors;
    private int _throttles;
    private int _faults;

    public double? StartTime { get; private set; }

    public double? EndTime { get; private set; }

    public void Record(TraceEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        switch (entity.Outcome)
        {
            case RequestOutcome.Ok:
                _ok++;
                break;
            case RequestOutcome.Error:
                _errors++;
                break;
            case RequestOutcome.Throttle:
                _throttles++;
                break;
            default:
                _faults++;
                break;
        }

        _responseTimes.Add(entity.Duration);
        StartTime = Math.Min(StartTime ?? entity.StartTime, entity.StartTime);
        EndTime = Math.Max(EndTime ?? entity.EndTime, entity.EndTime);
    }

    public void WriteSummary(Utf8JsonWriter writer, string propertyName)
    {
        writer.WriteStartObject(propertyName);
        writer.WriteNumber("OkCount", _ok);
        writer.WriteStartObject("ErrorStatistics");
        writer.WriteNumber("ThrottleCount", _throttles);
        writer.WriteNumber("OtherCount", _errors);
        writer.WriteNumber("TotalCount", _errors + _throttles);
        writer.WriteEndObject();
        writer.WriteStartObject("FaultStatistics");
        writer.WriteNumber("OtherCount", _faults);
        writer.WriteNumber("TotalCount", _faults);
        writer.WriteEndObject();
        writer.WriteNumber("TotalCount", _responseTimes.Count);
        writer.WriteNumber("TotalResponseTime", Math.Round(_responseTimes.Sum(), 6));
        writer.WriteEndObject();
    }

    public void WriteResponseTimes(Utf8JsonWriter writer, string propertyName) =>
        WriteHistogram(writer, propertyName, _responseTimes);

    /// <summary><c>[{"Value":seconds,"Count":n}]</c>, values rounded to the millisecond, in ascending order.</summary>
    public static void WriteHistogram(Utf8JsonWriter writer, string propertyName, IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray(propertyName);
        foreach (var bucket in values.GroupBy(value => Math.Round(value, 3)).OrderBy(bucket => bucket.Key))
        {
            writer.WriteStartObject();
            writer.WriteNumber("Value", bucket.Key);
            writer.WriteNumber("Count", bucket.Count());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
