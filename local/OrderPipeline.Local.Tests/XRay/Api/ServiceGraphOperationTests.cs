using System.Net;
using System.Text.Json;

namespace OrderPipeline.Local.Tests.XRay.Api;

public sealed class ServiceGraphOperationTests
{
    [Fact]
    public async Task Execute_PipelineTraces_AnswersANodePerServiceAndTheirCallEdges()
    {
        await using var api = await XRayApiClient.StartAsync(SampleTraces.Store());

        var graph = await GraphAsync(api, SampleTraces.Start - 60, SampleTraces.Start + 60);

        Assert.Equal(
            [
                ("ServerlessRestApi/Prod", "AWS::ApiGateway::Stage"), ("client", "client"), ("ProducerFunction", "AWS::Lambda"),
                ("ProducerFunction", "AWS::Lambda::Function"), ("orders", "AWS::SQS::Queue"), ("ConsumerFunction", "AWS::Lambda"),
                ("ConsumerFunction", "AWS::Lambda::Function"),
            ],
            graph.Values.Select(node => (node.GetProperty("Name").GetString(), node.GetProperty("Type").GetString())));
        Assert.Equal(["AWS::ApiGateway::Stage", "AWS::Lambda"], EdgesFrom(graph, "client"));
        Assert.Equal(["AWS::Lambda"], EdgesFrom(graph, "AWS::ApiGateway::Stage"));
        Assert.Equal(["AWS::Lambda::Function"], EdgesFrom(graph, "AWS::Lambda", "ProducerFunction"));
        Assert.Equal(["AWS::SQS::Queue"], EdgesFrom(graph, "AWS::Lambda::Function", "ProducerFunction"));
        Assert.Equal(["AWS::Lambda::Function"], EdgesFrom(graph, "AWS::Lambda", "ConsumerFunction"));
        Assert.True(Node(graph, "AWS::ApiGateway::Stage").GetProperty("Root").GetBoolean());
        Assert.False(Node(graph, "AWS::SQS::Queue").GetProperty("Root").GetBoolean());
        Assert.Equal("unknown", Node(graph, "client").GetProperty("State").GetString());
        Assert.Equal("active", Node(graph, "AWS::SQS::Queue").GetProperty("State").GetString());

        var sendMessage = Assert.Single(Node(graph, "AWS::Lambda::Function", "ProducerFunction").GetProperty("Edges").EnumerateArray());
        Assert.False(sendMessage.TryGetProperty("EdgeType", out _));
        Assert.Equal(1, sendMessage.GetProperty("SummaryStatistics").GetProperty("OkCount").GetInt64());
        var responseTime = Assert.Single(sendMessage.GetProperty("ResponseTimeHistogram").EnumerateArray());
        Assert.Equal((0.05, 1), (responseTime.GetProperty("Value").GetDouble(), responseTime.GetProperty("Count").GetInt32()));
    }

    [Fact]
    public async Task Execute_ConsumerSegmentWithLinks_AnswersALinkEdgeFromTheQueueWithTheEventsAge()
    {
        await using var api = await XRayApiClient.StartAsync(SampleTraces.Store());

        var graph = await GraphAsync(api, SampleTraces.Start - 60, SampleTraces.Start + 60);

        var queue = Node(graph, "AWS::SQS::Queue");
        var consumer = Node(graph, "AWS::Lambda", "ConsumerFunction");
        var link = Assert.Single(queue.GetProperty("Edges").EnumerateArray());
        Assert.Equal(consumer.GetProperty("ReferenceId").GetInt32(), link.GetProperty("ReferenceId").GetInt32());
        Assert.Equal("link", link.GetProperty("EdgeType").GetString());
        var age = Assert.Single(link.GetProperty("ReceivedEventAgeHistogram").EnumerateArray());
        Assert.Equal((1.0, 1), (age.GetProperty("Value").GetDouble(), age.GetProperty("Count").GetInt32()));
        Assert.Equal(0, link.GetProperty("ResponseTimeHistogram").GetArrayLength());
        Assert.Equal(0, link.GetProperty("Aliases").GetArrayLength());
    }

    [Fact]
    public async Task Execute_FailedInvocation_IsCountedAsAFaultOnItsNodeAndItsClientEdge()
    {
        await using var api = await XRayApiClient.StartAsync(SampleTraces.Store());

        var graph = await GraphAsync(api, SampleTraces.Start - 60, SampleTraces.Start + 60);

        var consumer = Node(graph, "AWS::Lambda", "ConsumerFunction");
        var statistics = consumer.GetProperty("SummaryStatistics");
        Assert.Equal((2, 1, 1), (
            statistics.GetProperty("TotalCount").GetInt64(), statistics.GetProperty("OkCount").GetInt64(),
            statistics.GetProperty("FaultStatistics").GetProperty("TotalCount").GetInt64()));
        Assert.Equal(0.75, statistics.GetProperty("TotalResponseTime").GetDouble(), precision: 6);
        Assert.Equal(2, consumer.GetProperty("DurationHistogram").GetArrayLength());
        var clientEdge = Node(graph, "client").GetProperty("Edges").EnumerateArray()
            .Single(edge => edge.GetProperty("ReferenceId").GetInt32() == consumer.GetProperty("ReferenceId").GetInt32());
        Assert.Equal(1, clientEdge.GetProperty("SummaryStatistics").GetProperty("FaultStatistics").GetProperty("TotalCount").GetInt64());
        Assert.True(consumer.GetProperty("Root").GetBoolean());
    }

    [Fact]
    public async Task Execute_WindowBeforeEveryTrace_AnswersNoServices()
    {
        await using var api = await XRayApiClient.StartAsync(SampleTraces.Store());

        var answer = await api.PostAsync("/ServiceGraph", $$"""{"StartTime":{{SampleTraces.Start - 60}},"EndTime":{{SampleTraces.Start - 1}}}""");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(0, answer.Body.GetProperty("Services").GetArrayLength());
        Assert.Equal(SampleTraces.Start - 1, answer.Body.GetProperty("EndTime").GetDouble());
    }

    private static async Task<Dictionary<int, JsonElement>> GraphAsync(XRayApiClient api, double start, double end)
    {
        var answer = await api.PostAsync("/ServiceGraph", $$"""{"StartTime":{{start}},"EndTime":{{end}}}""");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer.Body.GetProperty("Services").EnumerateArray()
            .ToDictionary(node => node.GetProperty("ReferenceId").GetInt32(), node => node);
    }

    private static JsonElement Node(Dictionary<int, JsonElement> graph, string type, string? name = null) =>
        graph.Values.Single(node => node.GetProperty("Type").GetString() == type
            && (name is null || node.GetProperty("Name").GetString() == name));

    private static string[] EdgesFrom(Dictionary<int, JsonElement> graph, string type, string? name = null) =>
        [.. Node(graph, type, name).GetProperty("Edges").EnumerateArray()
            .Select(edge => graph[edge.GetProperty("ReferenceId").GetInt32()].GetProperty("Type").GetString()!)];
}
