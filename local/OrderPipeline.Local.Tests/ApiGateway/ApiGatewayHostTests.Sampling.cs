using OrderPipeline.Local.ApiGateway;
using OrderPipeline.Local.XRay;
using OrderPipeline.Tracing;

namespace OrderPipeline.Local.Tests.ApiGateway;

// API Gateway samples by the X-Ray sampling rules (https://docs.aws.amazon.com/xray/latest/devguide/xray-services-apigateway.html,
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-configuring-xray-sampling-rules.html) and
// honours a decision already in the trace header (https://docs.aws.amazon.com/xray/latest/devguide/xray-concepts.html#xray-concepts-tracingheader).
public sealed partial class ApiGatewayHostTests
{
    private static readonly SamplingRule Never = SamplingRule.Default with { RuleName = "never", Priority = 1, ReservoirSize = 0, FixedRate = 0 };

    [Fact]
    public async Task Sampling_NoHeaderBeyondTheReservoir_InvokesWithSampledZeroAndRecordsNothing()
    {
        using var first = await PostOrderAsync(null);
        using var second = await PostOrderAsync(null);

        var firstRoot = Header(first, TraceHeader.HeaderName).Split(';')[0]["Root=".Length..];
        var secondRoot = Header(second, TraceHeader.HeaderName).Split(';')[0]["Root=".Length..];
        var runtimes = _gateway.Functions.Invocations.Select(invocation => Assert.IsType<TraceHeader>(TraceHeader.TryParse(invocation.TraceHeader, out var header) ? header : null)).ToList();
        Assert.Equal($"Root={secondRoot};Sampled=0", Header(second, TraceHeader.HeaderName));
        Assert.Equal([(firstRoot, SamplingDecision.Sampled), (secondRoot, SamplingDecision.NotSampled)], runtimes.Select(header => (header.Root, header.Sampled)));
        Assert.Equal([firstRoot], _gateway.Traces.TraceIds());
        var stage = Segment(firstRoot, ApiGatewaySegmentsOrigin).Document;
        Assert.Equal(SamplingRule.DefaultName, stage.GetProperty("aws").GetProperty("xray").GetProperty("sampling_rule_name").GetString());
    }

    [Fact]
    public async Task Sampling_IncomingSampledWhileTheRulesSampleNothing_IsRecordedWithoutARuleName()
    {
        await using var gateway = await GatewayFixture.StartAsync(sampler: new XRaySampler([Never]));
        using var request = new HttpRequestMessage(HttpMethod.Post, "prod/orders/7");
        request.Headers.TryAddWithoutValidation(TraceHeader.HeaderName, $"Root={IncomingRoot};Parent={IncomingParent};Sampled=1");

        using var response = await gateway.Http.SendAsync(request);

        Assert.Equal($"Root={IncomingRoot};Sampled=1", Header(response, TraceHeader.HeaderName));
        Assert.Equal(4, gateway.Traces.Trace(IncomingRoot).Count);
        var stage = Assert.Single(gateway.Traces.Trace(IncomingRoot), segment => segment.Name == "local-stack/prod").Document;
        Assert.False(stage.GetProperty("aws").TryGetProperty("xray", out _));
    }

    [Theory]
    [InlineData("Sampled=?")]
    [InlineData("")]
    public async Task Sampling_IncomingWithoutADecision_TheRulesDecideAndTheRootIsKept(string decision)
    {
        await using var gateway = await GatewayFixture.StartAsync(sampler: new XRaySampler([Never]));
        using var request = new HttpRequestMessage(HttpMethod.Post, "prod/orders/7");
        request.Headers.TryAddWithoutValidation(TraceHeader.HeaderName, $"Root={IncomingRoot};Parent={IncomingParent};{decision}".TrimEnd(';'));

        using var response = await gateway.Http.SendAsync(request);

        Assert.Equal($"Root={IncomingRoot};Sampled=0", Header(response, TraceHeader.HeaderName));
        Assert.True(TraceHeader.TryParse(gateway.Functions.Single.TraceHeader, out var runtime));
        Assert.Equal((IncomingRoot, SamplingDecision.NotSampled), (runtime.Root, runtime.Sampled));
        Assert.Equal(0, gateway.Traces.SegmentCount);
    }

    [Fact]
    public async Task Sampling_TemplateRuleForTheStage_DecidesAndNamesItselfOnTheStageSegment()
    {
        var rule = """
              Rule:
                Type: AWS::XRay::SamplingRule
                Properties:
                  SamplingRule:
                    RuleName: orders-always
                    Priority: 1
                    FixedRate: 1
                    ReservoirSize: 0
                    ServiceName: local-stack/prod
                    ServiceType: AWS::ApiGateway::Stage
                    Host: '127.0.0.1'
                    HTTPMethod: POST
                    URLPath: /orders/*
                    ResourceARN: !Sub 'arn:aws:apigateway:${AWS::Region}::/restapis/${Traced}/stages/prod'
                    Version: 1

            """;
        var resources = GatewayFixture.Resources + rule;
        var template = Stack.Template.InlineTemplate.Parse(resources);
        Assert.Equal("orders-always", Assert.Single(template.SamplingRules).RuleName);
        await using var gateway = await GatewayFixture.StartAsync(
            ApiGatewaySettings.Default with { Region = "eu-west-1" }, resources);

        var roots = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await gateway.Http.PostAsync("prod/orders/7", null);
            roots.Add(Header(response, TraceHeader.HeaderName).Split(';')[0]["Root=".Length..]);
        }

        Assert.Equal(roots.Order(StringComparer.Ordinal), gateway.Traces.TraceIds().Order(StringComparer.Ordinal));
        Assert.All(roots, root => Assert.Equal(
            "orders-always",
            Assert.Single(gateway.Traces.Trace(root), segment => segment.Name == "local-stack/prod")
                .Document.GetProperty("aws").GetProperty("xray").GetProperty("sampling_rule_name").GetString()));
    }
}
