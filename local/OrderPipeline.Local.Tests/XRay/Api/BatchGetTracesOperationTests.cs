using System.Net;
using System.Text.Json;
using OrderPipeline.Local.XRay;
using OrderPipeline.Local.XRay.Api;

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
        Assert.Equal(
            ["a000000000000001", "b000000000000001", "c000000000000001"],
            segments.Where(segment => !segment.Value.TryGetProperty("inferred", out _)).Select(segment => segment.Key));

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

    // "the service uses information in subsegments to generate inferred segments and adds them to the full trace"
    // (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html); their shape follows the example
    // of https://docs.aws.amazon.com/xray/latest/devguide/xray-api-gettingdata.html.
    [Fact]
    public async Task Execute_CallToAQueue_AddsTheQueuesInferredSegment()
    {
        await using var api = await XRayApiClient.StartAsync(SampleTraces.Store());

        var first = await api.PostAsync("/Traces", $$"""{"TraceIds":["{{SampleTraces.Producer}}"]}""");
        var again = await api.PostAsync("/Traces", $$"""{"TraceIds":["{{SampleTraces.Producer}}"]}""");

        var segments = Segments(Assert.Single(first.Body.GetProperty("Traces").EnumerateArray()));
        var (id, queue) = Assert.Single(segments, segment => segment.Value.TryGetProperty("inferred", out _));
        Assert.Matches("^[0-9a-f]{16}$", id);
        Assert.Equal(id, queue.GetProperty("id").GetString());
        Assert.Equal(id, Assert.Single(Segments(Assert.Single(again.Body.GetProperty("Traces").EnumerateArray())),
            segment => segment.Value.TryGetProperty("inferred", out _)).Key);
        Assert.True(queue.GetProperty("inferred").GetBoolean());
        Assert.Equal(("orders", "AWS::SQS::Queue"), (queue.GetProperty("name").GetString(), queue.GetProperty("origin").GetString()));
        Assert.Equal((SampleTraces.SendMessageId, SampleTraces.Producer), (queue.GetProperty("parent_id").GetString(), queue.GetProperty("trace_id").GetString()));
        Assert.Equal((1764134000.1, 1764134000.15), (queue.GetProperty("start_time").GetDouble(), queue.GetProperty("end_time").GetDouble()));
        Assert.Equal("SendMessage", queue.GetProperty("aws").GetProperty("operation").GetString());
        Assert.Equal("http://127.0.0.1:9324/000000000000/orders", queue.GetProperty("aws").GetProperty("queue_url").GetString());
        Assert.Equal(200, queue.GetProperty("http").GetProperty("response").GetProperty("status").GetInt32());
        Assert.False(queue.TryGetProperty("namespace", out _));
        Assert.False(queue.TryGetProperty("subsegments", out _));
    }

    [Fact]
    public async Task Execute_CallAnsweredByASegmentOrNotDownstream_InfersNothing()
    {
        var store = new TraceStore();
        SampleTraces.Add(
            store,
            """{"name":"caller","id":"a000000000000040","trace_id":"1-6925d0a5-000000000000000000000040","start_time":1764134000,"end_time":1764134001,"subsegments":[{"name":"Lambda","id":"e000000000000040","namespace":"aws","start_time":1764134000.1,"end_time":1764134000.9,"aws":{"operation":"Invoke"}},{"name":"local work","id":"e000000000000041","start_time":1764134000.9,"end_time":1764134000.95}]}""",
            """{"name":"callee","id":"a000000000000041","trace_id":"1-6925d0a5-000000000000000000000040","parent_id":"e000000000000040","origin":"AWS::Lambda","start_time":1764134000.2,"end_time":1764134000.8}""");
        await using var api = await XRayApiClient.StartAsync(store);

        var answer = await api.PostAsync("/Traces", """{"TraceIds":["1-6925d0a5-000000000000000000000040"]}""");

        var segments = Segments(Assert.Single(answer.Body.GetProperty("Traces").EnumerateArray()));
        Assert.Equal(["a000000000000040", "a000000000000041"], segments.Keys);
    }

    [Fact]
    public async Task Execute_FailedCallToATable_InfersAFaultyTableSegment()
    {
        var store = new TraceStore();
        SampleTraces.Add(
            store,
            """{"name":"writer","id":"a000000000000050","trace_id":"1-6925d0a5-000000000000000000000050","start_time":1764134000,"end_time":1764134001,"fault":true,"subsegments":[{"name":"DynamoDB","id":"e000000000000050","namespace":"aws","start_time":1764134000.1,"end_time":1764134000.9,"fault":true,"aws":{"operation":"PutItem","table_name":"Orders"},"http":{"response":{"status":500}}}]}""");
        await using var api = await XRayApiClient.StartAsync(store);

        var answer = await api.PostAsync("/Traces", """{"TraceIds":["1-6925d0a5-000000000000000000000050"]}""");

        var table = Assert.Single(Segments(Assert.Single(answer.Body.GetProperty("Traces").EnumerateArray())),
            segment => segment.Value.TryGetProperty("inferred", out _)).Value;
        Assert.Equal(("Orders", "AWS::DynamoDB::Table"), (table.GetProperty("name").GetString(), table.GetProperty("origin").GetString()));
        Assert.True(table.GetProperty("fault").GetBoolean());
        Assert.Equal("e000000000000050", table.GetProperty("parent_id").GetString());
    }

    // "Array Members: Minimum number of 1 item. Maximum number of 5 items. Length Constraints: Minimum length of 1.
    // Maximum length of 35." (https://docs.aws.amazon.com/xray/latest/api/API_BatchGetTraces.html)
    [Theory]
    [InlineData("""{"TraceIds":[]}""")]
    [InlineData("""{"TraceIds":["1-0-1","1-0-2","1-0-3","1-0-4","1-0-5","1-0-6"]}""")]
    [InlineData("""{"TraceIds":[""]}""")]
    [InlineData("""{"TraceIds":["1-6925d0a5-0000000000000000000000010"]}""")]
    [InlineData("""{"TraceIds":["1-0-1"],"NextToken":"x"}""")]
    public async Task Execute_TraceIdsOutsideTheirConstraints_Answers400InvalidRequest(string body)
    {
        await using var api = await XRayApiClient.StartAsync(SampleTraces.Store());

        var answer = await api.PostAsync("/Traces", body);

        XRayApiTests.AssertError(answer, HttpStatusCode.BadRequest, "InvalidRequestException");
    }

    [Fact]
    public async Task Execute_FiveIdsWithRepeats_AnswersEachKnownTrace()
    {
        await using var api = await XRayApiClient.StartAsync(SampleTraces.Store());

        var answer = await api.PostAsync(
            "/Traces",
            $$"""{"TraceIds":["{{SampleTraces.Producer}}","{{SampleTraces.Consumer}}","{{SampleTraces.FailedConsumer}}","{{SampleTraces.Producer}}","1-00000000-000000000000000000000000"]}""");

        Assert.Equal(
            [SampleTraces.Producer, SampleTraces.Consumer, SampleTraces.FailedConsumer],
            answer.Body.GetProperty("Traces").EnumerateArray().Select(trace => trace.GetProperty("Id").GetString()));
        Assert.False(answer.Body.TryGetProperty("NextToken", out _));
    }

    [Fact]
    public async Task Execute_TracesBeyondAPage_AnswersWholeTracesAPageAtATime()
    {
        await using var api = await XRayApiClient.StartAsync(SampleTraces.Store(), new XRayApiPaging(TraceBytesPerPage: 1));
        var ids = $$"""["{{SampleTraces.Producer}}","1-00000000-000000000000000000000000","{{SampleTraces.Consumer}}","{{SampleTraces.FailedConsumer}}"]""";

        var pages = new List<XRayApiAnswer> { await api.PostAsync("/Traces", $$"""{"TraceIds":{{ids}}}""") };
        while (pages[^1].Body.TryGetProperty("NextToken", out var token))
        {
            pages.Add(await api.PostAsync("/Traces", $$"""{"TraceIds":{{ids}},"NextToken":"{{token.GetString()}}"}"""));
        }

        Assert.Equal(
            [[SampleTraces.Producer], [SampleTraces.Consumer], [SampleTraces.FailedConsumer]],
            pages.Select(page => page.Body.GetProperty("Traces").EnumerateArray().Select(trace => trace.GetProperty("Id").GetString()).ToList()));
        Assert.Equal(4, Segments(pages[0].Body.GetProperty("Traces")[0]).Count); // three segments and the queue's inferred one
    }

    [Fact]
    public async Task Execute_NextTokenOfOtherTraceIds_Answers400InvalidRequest()
    {
        await using var api = await XRayApiClient.StartAsync(SampleTraces.Store(), new XRayApiPaging(TraceBytesPerPage: 1));
        var first = await api.PostAsync("/Traces", $$"""{"TraceIds":["{{SampleTraces.Producer}}","{{SampleTraces.Consumer}}"]}""");
        var token = first.Body.GetProperty("NextToken").GetString();

        var answer = await api.PostAsync("/Traces", $$"""{"TraceIds":["{{SampleTraces.Producer}}","{{SampleTraces.FailedConsumer}}"],"NextToken":"{{token}}"}""");

        XRayApiTests.AssertError(answer, HttpStatusCode.BadRequest, "InvalidRequestException");
    }

    private static Dictionary<string, JsonElement> Segments(JsonElement trace) =>
        trace.GetProperty("Segments").EnumerateArray().ToDictionary(
            segment => segment.GetProperty("Id").GetString()!,
            segment => JsonDocument.Parse(segment.GetProperty("Document").GetString()!).RootElement.Clone());
}
