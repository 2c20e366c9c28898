using System.Text.Json;
using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.Tests.XRay;

public sealed class TraceLinksTests
{
    private const string TraceId = "1-6b07e596-1e1e055e263cba2b1fd9c288";
    private const string UpstreamA = "1-6b07c015-4e2f1d8c7b6a5f4e3d2c1b0a";
    private const string UpstreamB = "1-6b07c016-b1c2d3e4f5a6b7c8d9e0f1a2";

    [Fact]
    public void Index_ServiceSegmentWithLinks_MapsEachUpstreamTraceToTheLinkingTrace()
    {
        var store = new TraceStore();
        store.Add(Segment($$"""{"name":"Consumer","id":"0000000000000001","trace_id":"{{TraceId}}","origin":"AWS::Lambda","start_time":1,"end_time":2,"links":[{"trace_id":"{{UpstreamA}}","id":"00000000000000aa"},{"trace_id":"{{UpstreamB}}","id":"00000000000000bb"}]}"""));

        var index = TraceLinks.Index(store);

        Assert.Equal([TraceId], index[UpstreamA]);
        Assert.Equal([TraceId], index[UpstreamB]);
        Assert.False(index.ContainsKey(TraceId));
    }

    private static StoredSegment Segment(string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.True(StoredSegment.TryRead(document.RootElement.Clone(), out var segment));
        return segment!;
    }
}
