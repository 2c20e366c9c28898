using System.Net;
using OrderPipeline.Local.XRay;
using OrderPipeline.Tracing;

namespace OrderPipeline.Local.Tests.ApiGateway;

public sealed partial class ApiGatewayHostTests
{
    private const string IncomingRoot = "1-6b07c015-4e2f1d8c7b6a5f4e3d2c1b0a";
    private const string IncomingParent = "53995c3f42cd8ad8";

    [Fact]
    public async Task Trace_IncomingHeader_ContinuedWithLineageForwardedToTheFunction()
    {
        using var response = await PostOrderAsync($"Root={IncomingRoot};Parent={IncomingParent};Sampled=1;Lineage=a87bd80c:1");

        Assert.True(TraceHeader.TryParse(_gateway.Functions.Single.TraceHeader, out var runtime));
        Assert.Equal(IncomingRoot, runtime.Root);
        Assert.Equal(SamplingDecision.Sampled, runtime.Sampled);
        Assert.Equal([new("Lineage", "a87bd80c:1")], runtime.OtherFields);
        Assert.Equal($"Root={IncomingRoot};Sampled=1", Header(response, "X-Amzn-Trace-Id"));
        Assert.Equal($"Root={IncomingRoot}", _gateway.Functions.Single.Event["headers"]!["X-Amzn-Trace-Id"]!.GetValue<string>());
        Assert.Equal(IncomingParent, Segment(IncomingRoot, ApiGatewaySegmentsOrigin).ParentId);
    }

    [Fact]
    public async Task Trace_Sampled_ChainsStageIntegrationLambdaAndFunctionSegments()
    {
        using var response = await PostOrderAsync($"Root={IncomingRoot};Parent={IncomingParent};Sampled=1");

        Assert.True(TraceHeader.TryParse(_gateway.Functions.Single.TraceHeader, out var runtime));
        var stage = Segment(IncomingRoot, ApiGatewaySegmentsOrigin);
        var integration = Assert.Single(_gateway.Traces.Trace(IncomingRoot), segment => segment.Type == "subsegment");
        var service = Segment(IncomingRoot, LambdaSegments.ServiceOrigin);
        var function = Segment(IncomingRoot, LambdaSegments.FunctionOrigin);
        Assert.Equal(stage.Id, integration.ParentId);
        Assert.Equal(integration.Id, service.ParentId);
        Assert.Equal(service.Id, function.ParentId);
        Assert.Equal(function.Id, runtime.Parent);
        Assert.Equal("local-stack-Fn-3H3NIQ66TLOC", integration.Name); // the deployed name (LocalAccount.GeneratedName)
        Assert.Equal("aws", integration.Document.GetProperty("namespace").GetString());
        Assert.Equal("Invoke", integration.Document.GetProperty("aws").GetProperty("operation").GetString());
        Assert.Equal(4, _gateway.Traces.SegmentCount);
    }

    [Fact]
    public async Task Trace_StageSegment_RecordsRequestResponseAndApi()
    {
        using var response = await PostOrderAsync(null);

        var root = Header(response, "X-Amzn-Trace-Id").Split(';')[0]["Root=".Length..];
        var stage = Segment(root, ApiGatewaySegmentsOrigin);
        var document = stage.Document;
        var http = document.GetProperty("http");
        var gateway = document.GetProperty("aws").GetProperty("api_gateway");
        Assert.Equal("local-stack/prod", stage.Name); // SAM titles the API with the stack name
        Assert.Null(stage.ParentId);
        Assert.Equal($"{_gateway.Host.BaseUrl}/prod/orders/7", http.GetProperty("request").GetProperty("url").GetString());
        Assert.Equal("POST", http.GetProperty("request").GetProperty("method").GetString());
        Assert.Equal("127.0.0.1", http.GetProperty("request").GetProperty("client_ip").GetString());
        Assert.Equal(200, http.GetProperty("response").GetProperty("status").GetInt32());
        Assert.Equal(2, http.GetProperty("response").GetProperty("content_length").GetInt32());
        Assert.Equal("u2kam39ykx", gateway.GetProperty("rest_api_id").GetString()); // LocalAccount.RestApiId("Traced")
        Assert.Equal("prod", gateway.GetProperty("stage").GetString());
        Assert.Equal(Header(response, "x-amzn-RequestId"), gateway.GetProperty("request_id").GetString());
        Assert.Equal("arn:aws:apigateway:us-east-1::/restapis/u2kam39ykx/stages/prod", document.GetProperty("resource_arn").GetString());
        Assert.False(document.TryGetProperty("fault", out _));
    }

    [Fact]
    public async Task Trace_NoIncomingHeader_StartsANewTraceTheFunctionJoins()
    {
        using var response = await PostOrderAsync(null);

        var root = Header(response, "X-Amzn-Trace-Id").Split(';')[0]["Root=".Length..];
        Assert.True(TraceHeader.TryParse(_gateway.Functions.Single.TraceHeader, out var runtime));
        Assert.Equal(root, runtime.Root);
        Assert.Equal(root, Assert.Single(_gateway.Traces.TraceIds()));
        Assert.Equal(4, _gateway.Traces.Trace(root).Count);
    }

    [Fact]
    public async Task Trace_IncomingNotSampled_InvokesUnsampledAndRecordsNothing()
    {
        using var response = await PostOrderAsync($"Root={IncomingRoot};Parent={IncomingParent};Sampled=0");

        Assert.True(TraceHeader.TryParse(_gateway.Functions.Single.TraceHeader, out var runtime));
        Assert.Equal(IncomingRoot, runtime.Root);
        Assert.Equal(SamplingDecision.NotSampled, runtime.Sampled);
        Assert.Equal($"Root={IncomingRoot};Sampled=0", Header(response, "X-Amzn-Trace-Id"));
        Assert.Equal(0, _gateway.Traces.SegmentCount);
    }

    [Fact]
    public async Task Trace_FunctionError_MarksStageAndIntegrationAsFaults()
    {
        _gateway.Functions.Respond = _ => Task.FromResult(FakeFunctionInvoker.Failed("Oops", "boom"));

        using var response = await PostOrderAsync($"Root={IncomingRoot};Parent={IncomingParent};Sampled=1");

        var stage = Segment(IncomingRoot, ApiGatewaySegmentsOrigin).Document;
        var integration = Assert.Single(_gateway.Traces.Trace(IncomingRoot), segment => segment.Type == "subsegment").Document;
        Assert.Equal(502, stage.GetProperty("http").GetProperty("response").GetProperty("status").GetInt32());
        Assert.True(stage.GetProperty("fault").GetBoolean());
        Assert.True(integration.GetProperty("fault").GetBoolean());
    }

    [Fact]
    public async Task Trace_ApiAndFunctionNotTraced_InvokesUnsampledAndRecordsNothing()
    {
        using var response = await _gateway.Http.GetAsync("v1/plain");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(TraceHeader.TryParse(_gateway.Functions.Single.TraceHeader, out var runtime));
        Assert.Equal(SamplingDecision.NotSampled, runtime.Sampled);
        Assert.Equal("local-stack-Plain-XVG6C7F34DJW", _gateway.Functions.Single.FunctionName);
        Assert.Equal(0, _gateway.Traces.SegmentCount);
    }

    private const string ApiGatewaySegmentsOrigin = Local.ApiGateway.ApiGatewaySegments.StageOrigin;

    private async Task<HttpResponseMessage> PostOrderAsync(string? traceHeader)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "prod/orders/7");
        if (traceHeader is not null)
        {
            request.Headers.TryAddWithoutValidation(TraceHeader.HeaderName, traceHeader);
        }

        return await _gateway.Http.SendAsync(request);
    }

    private StoredSegment Segment(string traceId, string origin) => Assert.Single(
        _gateway.Traces.Trace(traceId),
        segment => segment.Document.TryGetProperty("origin", out var value) && value.GetString() == origin);
}
