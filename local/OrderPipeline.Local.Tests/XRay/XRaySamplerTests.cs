using OrderPipeline.Local.ApiGateway;
using OrderPipeline.Local.Stack.Template;
using OrderPipeline.Local.Tests.Stack.Template;
using OrderPipeline.Local.XRay;
using OrderPipeline.TestHelpers.Functions;
using OrderPipeline.TestHelpers.Time;

namespace OrderPipeline.Local.Tests.XRay;

// X-Ray's sampling rules: https://docs.aws.amazon.com/xray/latest/devguide/xray-console-sampling.html (the default rule:
// the first request each second, then 5%; rules tried by ascending priority, the first match decides; reservoir per
// second, then the fixed rate) and, for API Gateway's request fields,
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-configuring-xray-sampling-rules.html.
public sealed class XRaySamplerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 6, 0, 0, 250, TimeSpan.Zero);

    private static readonly SamplingRequest PostOrders = new(
        "OrdersApi/v1", ApiGatewaySegments.StageOrigin, "abc123.execute-api.us-east-1.amazonaws.com", "POST", "/orders",
        "arn:aws:apigateway:us-east-1::/restapis/abc123/stages/v1");

    [Fact]
    public void Decide_DefaultRule_SamplesTheFirstRequestOfEachSecondThenFivePercent()
    {
        var time = new ManualTimeProvider(Now);
        var draws = new Queue<double>([0.049, 0.05, 0.5]);
        var sampler = new XRaySampler([], time, draws.Dequeue);

        var firstSecond = Enumerable.Range(0, 4).Select(_ => sampler.Decide(PostOrders)).ToList();
        time.Now = Now.AddMilliseconds(750);
        var nextSecond = sampler.Decide(PostOrders);

        Assert.Equal([true, true, false, false], firstSecond.Select(verdict => verdict.Sampled));
        Assert.All(firstSecond, verdict => Assert.Equal(SamplingRule.DefaultName, verdict.RuleName));
        Assert.True(nextSecond.Sampled);
        Assert.Empty(draws);
    }

    [Fact]
    public void Decide_SeveralRules_TheLowestPriorityThatMatchesDecides()
    {
        var time = new ManualTimeProvider(Now);
        var never = SamplingRule.Default with { RuleName = "never-post", Priority = 10, ReservoirSize = 0, FixedRate = 0, HttpMethod = "POST" };
        var always = SamplingRule.Default with { RuleName = "always-orders", Priority = 5, ReservoirSize = 0, FixedRate = 1, UrlPath = "/ord?rs" };
        var sampler = new XRaySampler([never, always], time, () => 0.5);

        Assert.Equal(new SamplingVerdict(true, "always-orders"), sampler.Decide(PostOrders));
        Assert.Equal(new SamplingVerdict(false, "never-post"), sampler.Decide(PostOrders with { UrlPath = "/other" }));
        Assert.Equal(new SamplingVerdict(true, SamplingRule.DefaultName), sampler.Decide(PostOrders with { HttpMethod = "GET", UrlPath = "/other" }));
        Assert.Equal(["always-orders", "never-post", SamplingRule.DefaultName], sampler.Rules.Select(rule => rule.RuleName));
    }

    [Fact]
    public void Decide_RuleWithAttributes_NeverMatchesARequestWithout()
    {
        var rule = SamplingRule.Default with
        {
            RuleName = "tagged", Priority = 1, ReservoirSize = 0, FixedRate = 0,
            Attributes = new Dictionary<string, string> { ["team"] = "x" },
        };
        var sampler = new XRaySampler([rule], new ManualTimeProvider(Now), () => 0.5);

        Assert.Equal(SamplingRule.DefaultName, sampler.Decide(PostOrders).RuleName);
    }

    [Fact]
    public void SampleAll_ManyRequestsInOneSecond_SamplesEach()
    {
        var verdicts = Enumerable.Range(0, 50).Select(_ => XRaySampler.SampleAll.Decide(PostOrders)).ToList();

        Assert.All(verdicts, verdict => Assert.Equal(new SamplingVerdict(true, SamplingRule.SampleAllName), verdict));
    }

    [Fact]
    public void ForLambda_AnyFunction_IsTheDefaultRuleAlone()
    {
        Assert.Equal([SamplingRule.Default], XRaySampler.ForLambda().Rules);
    }

    [Theory]
    [InlineData("*", "", true)]
    [InlineData("*", "anything", true)]
    [InlineData("POST", "post", true)]
    [InlineData("/orders", "/orders/1", false)]
    [InlineData("/orders*", "/orders/1", true)]
    [InlineData("/ord?rs", "/orders", true)]
    [InlineData("/ord?rs", "/ordrs", false)]
    [InlineData("*.example.com", "api.example.com", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("a*b*c", "aXbYbZc", true)]
    [InlineData("a*b*c", "aXbYcZ", false)]
    public void Wildcard_Pattern_MatchesAsXRayGlobs(string pattern, string text, bool matches) =>
        Assert.Equal(matches, Wildcard.Matches(pattern, text));

    [Fact]
    public void Decide_RepositoryTemplateRule_DecidesPostOrdersOfItsStageAndLeavesTheRestToTheDefault()
    {
        var account = TestAccount.With();
        var template = TemplateReader.Load(Path.Combine(RepositoryRoot.Find(), "template.yaml"), account);
        var api = Assert.Single(template.Apis);
        var rule = Assert.Single(template.SamplingRules);
        var sampler = new XRaySampler(template.SamplingRules, new ManualTimeProvider(Now), () => 0.5);
        var post = PostOrders with { ServiceName = ApiGatewaySegments.ServiceName(api), ResourceArn = ApiGatewaySegments.StageArn(api, account.Region) };

        var first = sampler.Decide(post);
        var second = sampler.Decide(post);
        var get = sampler.Decide(post with { HttpMethod = "GET" });

        Assert.Equal((1000, 1, 0.05, "POST"), (rule.Priority, rule.ReservoirSize, rule.FixedRate, rule.HttpMethod));
        Assert.Equal([new SamplingVerdict(true, rule.RuleName), new SamplingVerdict(false, rule.RuleName)], [first, second]);
        Assert.Equal(new SamplingVerdict(true, SamplingRule.DefaultName), get);
    }
}
