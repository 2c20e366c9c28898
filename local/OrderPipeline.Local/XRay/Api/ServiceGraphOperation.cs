using System.Text.Json;
using OrderPipeline.Local.XRay.Api.Graph;
using OrderPipeline.Local.XRay.Api.Model;

namespace OrderPipeline.Local.XRay.Api;

/// <summary>
/// <c>GetServiceGraph</c>: the services and edges of the traces that overlap <c>[StartTime, EndTime]</c> (epoch
/// seconds), in one page. <c>GroupName</c>, <c>GroupARN</c> and <c>NextToken</c> are accepted and ignored.
/// </summary>
internal sealed class ServiceGraphOperation(TraceStore store)
{
    public void Execute(JsonElement request, Utf8JsonWriter response)
    {
        var (start, end) = XRayRequest.RequiredWindow(request);
        var graph = new ServiceGraph(Find);
        var traces = store.TraceIds()
            .Select(Find)
            .OfType<TraceModel>()
            .Where(trace => trace.StartTime <= end && trace.EndTime >= start)
            .OrderBy(trace => trace.StartTime);
        foreach (var trace in traces)
        {
            graph.Add(trace);
        }

        response.WriteStartObject();
        response.WriteNumber("StartTime", start);
        response.WriteNumber("EndTime", end);
        graph.Write(response, "Services");
        response.WriteBoolean("ContainsOldGroupVersions", false);
        response.WriteEndObject();
    }

    private TraceModel? Find(string traceId) =>
        store.Trace(traceId) is { Count: > 0 } segments ? TraceModel.Build(traceId, segments) : null;
}
