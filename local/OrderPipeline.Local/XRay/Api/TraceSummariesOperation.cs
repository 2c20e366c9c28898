using System.Text.Json;
using OrderPipeline.Local.XRay.Api.Filters;
using OrderPipeline.Local.XRay.Api.Model;

namespace OrderPipeline.Local.XRay.Api;

/// <summary>
/// <c>GetTraceSummaries</c>: the traces that started within <c>[StartTime, EndTime]</c> (epoch seconds) and match the
/// optional <c>FilterExpression</c>, most recent first, in one page. A filter expression it cannot read is an
/// <c>InvalidRequestException</c>. <c>TimeRangeType</c>, <c>Sampling</c> and <c>NextToken</c> are accepted and ignored.
/// </summary>
internal sealed class TraceSummariesOperation(TraceStore store)
{
    public void Execute(JsonElement request, Utf8JsonWriter response)
    {
        var (start, end) = XRayRequest.RequiredWindow(request);
        var filter = ParseFilter(XRayRequest.OptionalString(request, "FilterExpression"));
        var inWindow = store.TraceIds()
            .Select(id => TraceModel.Build(id, store.Trace(id)))
            .Where(trace => trace.StartTime >= start && trace.StartTime <= end)
            .ToList();

        response.WriteStartObject();
        response.WriteStartArray("TraceSummaries");
        foreach (var facts in inWindow.Select(TraceFacts.Of).Where(filter).OrderByDescending(facts => facts.Trace.StartTime))
        {
            TraceSummaryWriter.Write(response, facts);
        }

        response.WriteEndArray();
        response.WriteNumber("ApproximateTime", end);
        response.WriteNumber("TracesProcessedCount", inWindow.Count);
        response.WriteEndObject();
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
}
