using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OrderPipeline.Contracts;
using OrderPipeline.TestHelpers.Events;

namespace OrderPipeline.Deployment.Tests;

public sealed class ApiGatewayEventTests
{
    private const string TraceHeaderPattern = "^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$";

    [Theory]
    [InlineData(SampleEvents.ApiPostOrder)]
    [InlineData(SampleEvents.ApiPostOrderInvalid)]
    public void Event_IsRestProxyRequestForPostOrdersOnTheTemplateStage(string fileName)
    {
        var request = LoadEvent(fileName);
        var context = SamTemplate.Object(request, "requestContext");
        var stage = (string?)SamTemplate.Object(SamTemplate.Load().Root, "Parameters", "StageName")["Default"];

        Assert.Equal("/orders", (string?)request["resource"]);
        Assert.Equal("/orders", (string?)request["path"]);
        Assert.Equal("POST", (string?)request["httpMethod"]);
        Assert.Equal("/orders", (string?)context["resourcePath"]);
        Assert.Equal("POST", (string?)context["httpMethod"]);
        Assert.Equal(stage, (string?)context["stage"]);
        Assert.Equal($"/{stage}/orders", (string?)context["path"]);
        Assert.True(Guid.TryParse((string?)context["requestId"], out _));
        Assert.True(IPAddress.TryParse((string?)context["identity"]?["sourceIp"], out _));
    }

    [Theory]
    [InlineData(SampleEvents.ApiPostOrder)]
    [InlineData(SampleEvents.ApiPostOrderInvalid)]
    public void RequestTime_AgreesWithRequestTimeEpoch(string fileName)
    {
        var context = SamTemplate.Object(LoadEvent(fileName), "requestContext");

        var time = DateTimeOffset.ParseExact(
            (string)context["requestTime"]!, "dd/MMM/yyyy:HH:mm:ss zzz", CultureInfo.InvariantCulture);

        Assert.Equal(time.ToUnixTimeSeconds(), (long)context["requestTimeEpoch"]! / 1000);
    }

    [Theory]
    [InlineData(SampleEvents.ApiPostOrder)]
    [InlineData(SampleEvents.ApiPostOrderInvalid)]
    public void Headers_MatchMultiValueHeadersAndCarryContentTypeAndTraceId(string fileName)
    {
        var request = LoadEvent(fileName);
        var headers = SamTemplate.Object(request, "headers");
        var multiValueHeaders = SamTemplate.Object(request, "multiValueHeaders");

        Assert.Equal(headers.Select(h => h.Key), multiValueHeaders.Select(h => h.Key));
        Assert.All(headers, h => JsonAssert.Equal(new JsonArray((string?)h.Value).ToJsonString(), multiValueHeaders[h.Key]));
        Assert.Equal("application/json", (string?)headers["Content-Type"]);
        Assert.Matches(TraceHeaderPattern, (string?)headers["X-Amzn-Trace-Id"]);
    }

    [Fact]
    public void ValidOrderEvent_Base64Body_DecodesToValidOrder()
    {
        var request = LoadEvent(SampleEvents.ApiPostOrder);

        Assert.True((bool?)request["isBase64Encoded"]);
        var body = Convert.FromBase64String((string)request["body"]!);

        Assert.True(OrderRequest.TryParse(body, out _, out var errors), string.Join("; ", errors));
    }

    [Fact]
    public void InvalidOrderEvent_PlainBody_IsJsonOrderBreakingSeveralRules()
    {
        var request = LoadEvent(SampleEvents.ApiPostOrderInvalid);

        Assert.False((bool?)request["isBase64Encoded"]);
        var body = Encoding.UTF8.GetBytes((string)request["body"]!);
        Assert.IsType<JsonObject>(JsonNode.Parse(body));

        Assert.False(OrderRequest.TryParse(body, out _, out var errors));
        Assert.True(errors.Select(e => e.Pointer).Distinct().Count() >= 3, string.Join("; ", errors));
    }

    private static JsonObject LoadEvent(string fileName) =>
        JsonNode.Parse(SampleEvents.Read(fileName)) as JsonObject
        ?? throw new InvalidDataException($"{fileName} is not a JSON object.");
}
