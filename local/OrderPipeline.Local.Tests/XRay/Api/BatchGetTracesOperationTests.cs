using System.Net;
using System.Text.Json;
using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.Tests.XRay.Api;

public sealed class BatchGetTracesOperationTests
{
    [Fact]
    public async Task Execute_SubsegmentsSentSeparately_AreNestedInTheirParentsDocuments()
    {
        await using var api = await XRayApiClient.StartAsync(SampleTraces.Store());

        var answer = await api.PostAsync("/Traces", $$"""{"TraceIds":["{{SampleTraces.Producer}}"]}""");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var trace = Assert.Single(answer.Body.GetProperty("Traces").EnumerateArray());
        Assert.Equal(SampleTraces.Producer, trace.GetProperty("Id").GetString());
        Assert.Equal(0.2, trace.GetProperty("Duration").GetDouble(), precision: 6);
        Assert.False(trace.GetProperty("LimitExceeded").GetBoolean());
        var segments = Segments(trace);
        Assert.Equal(["a000000000000001", "b000000000000001", "c000000000000001"], segments.Keys);

        var function = segments["c000000000000001"];
        Assert.Equal("AWS::Lambda::Function", function.GetProperty("origin").GetString());
        var children = function.GetProperty("subsegments").EnumerateArray().ToList();
        Assert.Equal(["Init", "SubmitOrder"], children.Select(child => child.GetProperty("name").GetString()));
        var submitOrder = children[1];
        Assert.Equal("cust-42", submitOrder.GetProperty("annotations").GetProperty("customer_id").GetString());
        var sqs = Assert.Single(submitOrder.GetProperty("subsegments").EnumerateArray());
        Assert.Equal((SampleTraces.SendMessageId, "aws"), (sqs.GetProperty("id").GetString(), sqs.GetProperty("namespace").GetString()));
        Assert.Equal("SendMessage", sqs.GetProperty("aws").GetProperty("operation").GetString());
        Assert.False(sqs.TryGetProperty("trace_id", out _));
        Assert.False(sqs.TryGetProperty("parent_id", out _));
        Assert.False(sqs.TryGetProperty("type", out _));
        Assert.False(segments["a000000000000001"].TryGetProperty("subsegments", out _));
    }

    [Fact]
    public async Task Execute_UnknownAndRepeatedIds_AnswersEachKnownTraceOnce()
    {
        await using var api = await XRayApiClient.StartAsync(SampleTraces.Store());

        var answer = await api.PostAsync(
            "/Traces",
            $$"""{"TraceIds":["{{SampleTraces.Consumer}}","1-00000000-000000000000000000000000","{{SampleTraces.Consumer}}"]}""");

        var trace = Assert.Single(answer.Body.GetProperty("Traces").EnumerateArray());
        Assert.Equal(SampleTraces.Consumer, trace.GetProperty("Id").GetString());
        Assert.Equal(0, answer.Body.GetProperty("UnprocessedTraceIds").GetArrayLength());
        var lambda = Segments(trace)["b000000000000002"];
        var link = Assert.Single(lambda.GetProperty("links").EnumerateArray());
        Assert.Equal(SampleTraces.SendMessageId, link.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Execute_NewerVersionOfADocument_ReplacesTheOlder()
    {
        var store = new TraceStore();
        SampleTraces.Add(
            store,
            """{"name":"svc","id":"a000000000000009","trace_id":"1-6925d0a5-00000000000000000000000a","start_time":1764134000,"in_progress":true}""",
            """{"name":"svc","id":"a000000000000009","trace_id":"1-6925d0a5-00000000000000000000000a","start_time":1764134000,"end_time":1764134001}""");
        await using var api = await XRayApiClient.StartAsync(store);

        var answer = await api.PostAsync("/Traces", """{"TraceIds":["1-6925d0a5-00000000000000000000000a"]}""");

        var segment = Assert.Single(Segments(Assert.Single(answer.Body.GetProperty("Traces").EnumerateArray())).Values);
        Assert.Equal(1764134001, segment.GetProperty("end_time").GetDouble());
        Assert.False(segment.TryGetProperty("in_progress", out _));
    }

    [Fact]
    public async Task Execute_SubsegmentWhoseParentNeverArrived_IsListedOnItsOwn()
    {
        var store = new TraceStore();
        SampleTraces.Add(
            store,
            """{"name":"lost","id":"d00000000000000f","trace_id":"1-6925d0a5-00000000000000000000000b","parent_id":"c00000000000000f","type":"subsegment","start_time":1764134000,"end_time":1764134001}""");
        await using var api = await XRayApiClient.StartAsync(store);

        var answer = await api.PostAsync("/Traces", """{"TraceIds":["1-6925d0a5-00000000000000000000000b"]}""");

        var segment = Assert.Single(Segments(Assert.Single(answer.Body.GetProperty("Traces").EnumerateArray())).Values);
        Assert.Equal("c00000000000000f", segment.GetProperty("parent_id").GetString());
    }

    [Fact]
    public async Task Execute_SubsegmentsNamingEachOtherAsParent_AreAnsweredWithoutLooping()
    {
        var store = new TraceStore();
        SampleTraces.Add(
            store,
            """{"name":"a","id":"d000000000000010","trace_id":"1-6925d0a5-00000000000000000000000c","parent_id":"d000000000000011","type":"subsegment","start_time":1764134000}""",
            """{"name":"b","id":"d000000000000011","trace_id":"1-6925d0a5-00000000000000000000000c","parent_id":"d000000000000010","type":"subsegment","start_time":1764134000}""");
        await using var api = await XRayApiClient.StartAsync(store);

        var answer = await api.PostAsync("/Traces", """{"TraceIds":["1-6925d0a5-00000000000000000000000c"]}""");

        var segment = Assert.Single(Segments(Assert.Single(answer.Body.GetProperty("Traces").EnumerateArray())).Values);
        Assert.Equal("d000000000000011", segment.GetProperty("id").GetString());
        Assert.Equal("d000000000000010", Assert.Single(segment.GetProperty("subsegments").EnumerateArray()).GetProperty("id").GetString());
    }

    private static Dictionary<string, JsonElement> Segments(JsonElement trace) =>
        trace.GetProperty("Segments").EnumerateArray().ToDictionary(
            segment => segment.GetProperty("Id").GetString()!,
            segment => JsonDocument.Parse(segment.GetProperty("Document").GetString()!).RootElement.Clone());
}
