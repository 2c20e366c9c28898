using System.Globalization;
using System.Text.Json;
using OrderPipeline.Local.XRay.Api.Filters;
using OrderPipeline.Local.XRay.Api.Model;

namespace OrderPipeline.Local.XRay.Api;

/// <summary>
/// <c>GetTraceSummaries</c> (https://docs.aws.amazon.com/xray/latest/api/API_GetTraceSummaries.html): the traces whose
/// time falls within <c>[StartTime, EndTime]</c> (epoch seconds) and that match the optional <c>FilterExpression</c>,
/// most recent first, a page at a time. <c>TimeRangeType</c> chooses the time: <c>TraceId</c> (the default) the trace's
/// start, <c>Event</c> the end of its latest document, <c>Service</c> the end of its latest segment. A page scans traces
/// from the end of the window backwards until it holds <see cref="XRayApiPaging.SummariesPerPage"/> matches;
/// <c>TracesProcessedCount</c> counts what it scanned, <c>ApproximateTime</c> is where it stopped (the window's start
/// on the last page), and <c>NextToken</c> continues after the last trace scanned. <c>Sampling</c> and
/// <c>SamplingStrategy</c> are checked and then ignored: every matching trace is answered.
/// </summary>
internal sealed class TraceSummariesOperation(TraceStore store, XRayApiPaging paging)
{
    private const string Operation = "GetTraceSummaries";
    private const string TraceIdRange = "TraceId";
    private const string EventRange = "Event";
    private const string ServiceRange = "Service";

    public void Execute(JsonElement request, Utf8JsonWriter response)
    {
        var (start, end) = XRayRequest.RequiredWindow(request);
        var rangeType = XRayRequest.OptionalEnum(request, "TimeRangeType", TraceIdRange, EventRange, ServiceRange) ?? TraceIdRange;
        var expression = XRayRequest.OptionalString(request, "FilterExpression");
        var filter = ParseFilter(expression);
        CheckSampling(request);
        var digest = PageToken.Digest(Invariant(start), Invariant(end), rangeType, expression);
        var after = XRayRequest.OptionalString(request, "NextToken") is { } token ? ReadPosition(token, digest) : null;

        var remaining = store.TraceIds()
            .Select(id => TraceModel.Build(id, store.Trace(id)))
            .Select(trace => new Scanned(trace, TimeOf(trace, rangeType)))
            .Where(scanned => scanned.Time >= start && scanned.Time <= end && (after is null || scanned.IsBefore(after)))
            .OrderByDescending(scanned => scanned.Time)
            .ThenByDescending(scanned => scanned.Trace.Id, StringComparer.Ordinal)
            .ToList();

        var matches = new List<TraceFacts>();
        var processed = 0;
        while (processed < remaining.Count && matches.Count < paging.SummariesPerPage)
        {
            var facts = TraceFacts.Of(remaining[processed++].Trace);
            if (filter(facts))
            {
                matches.Add(facts);
            }
        }

        response.WriteStartObject();
        response.WriteStartArray("TraceSummaries");
        foreach (var facts in matches)
        {
            TraceSummaryWriter.Write(response, facts);
        }

        response.WriteEndArray();
        var more = processed < remaining.Count;
        response.WriteNumber("ApproximateTime", more ? remaining[processed - 1].Time : start);
        response.WriteNumber("TracesProcessedCount", processed);
        if (more)
        {
            var last = remaining[processed - 1];
            response.WriteString("NextToken", PageToken.Write(Operation, digest, $"{Invariant(last.Time)} {last.Trace.Id}"));
        }

        response.WriteEndObject();
    }

    private static double TimeOf(TraceModel trace, string rangeType) => rangeType switch
    {
        EventRange => trace.EndTime,
        ServiceRange => trace.Segments.Count > 0 ? trace.Segments.Max(segment => segment.EndTime) : trace.EndTime,
        _ => trace.StartTime,
    };

    private static Scanned.Position ReadPosition(string token, string digest)
    {
        var position = PageToken.Read(token, Operation, digest);
        var space = position.IndexOf(' ', StringComparison.Ordinal);
        return space > 0
            && double.TryParse(position.AsSpan(0, space), NumberStyles.Float, CultureInfo.InvariantCulture, out var time)
            && double.IsFinite(time)
            ? new Scanned.Position(time, position[(space + 1)..])
            : throw PageToken.Invalid();
    }

    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void CheckSampling(JsonElement request)
    {
        XRayRequest.OptionalBoolean(request, "Sampling");
        if (XRayRequest.OptionalObject(request, "SamplingStrategy") is { } strategy)
        {
            XRayRequest.OptionalEnum(strategy, "Name", "PartialScan", "FixedRate");
            XRayRequest.OptionalNumber(strategy, "Value");
        }
    }

    private static Func<TraceFacts, bool> ParseFilter(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return _ => true;
        }

        try
        {
            return FilterParser.Parse(expression);
        }
        catch (FilterExpressionException invalid)
        {
            throw new XRayApiException(XRayApiError.InvalidRequest($"Invalid filter expression: {invalid.Message}"));
        }
    }

    // A trace in the scan order: most recent time first, then trace id descending.
    private sealed record Scanned(TraceModel Trace, double Time)
    {
        public bool IsBefore(Position after) =>
            Time < after.Time || (Time == after.Time && string.CompareOrdinal(Trace.Id, after.TraceId) < 0);

        public sealed record Position(double Time, string TraceId);
    }
}
