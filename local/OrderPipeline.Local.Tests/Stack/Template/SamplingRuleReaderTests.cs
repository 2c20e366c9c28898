using OrderPipeline.Local.Stack.Template;
using OrderPipeline.Local.XRay;
using OrderPipeline.TestHelpers.Functions;

namespace OrderPipeline.Local.Tests.Stack.Template;

// AWS::XRay::SamplingRule's SamplingRule property:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-xray-samplingrule-samplingrule.html
public sealed class SamplingRuleReaderTests
{
    private const string Rule = """
          Sampling:
            Type: AWS::XRay::SamplingRule
            Properties:
              SamplingRule:
                RuleName: !Sub 'rule-${Stage}'
                Priority: 20
                FixedRate: {0}
                ReservoirSize: 3
                ServiceName: !Sub 'Api/${Stage}'
                ServiceType: AWS::ApiGateway::Stage
                Host: '*'
                HTTPMethod: POST
                URLPath: /orders*
                ResourceARN: !Sub 'arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${Api}/stages/${Stage}'
                Version: 1

        """;

    [Fact]
    public void Read_RuleWithIntrinsics_ResolvesEveryField()
    {
        var template = InlineTemplate.Parse(Rule.Replace("{0}", "0.25", StringComparison.Ordinal));

        Assert.Equal(
            new SamplingRule("rule-v1", 20, 0.25, 3, "Api/v1", "AWS::ApiGateway::Stage", "*", "POST", "/orders*",
                "arn:aws:apigateway:eu-west-1::/restapis/h8p9ijlr62/stages/v1"),
            Assert.Single(template.SamplingRules));
    }

    [Theory]
    [InlineData("FixedRate: {0}", "FixedRate: 5", "FixedRate: '5' is not a share between 0 and 1")]
    [InlineData("Priority: 20", "Priority: 0", "Priority: 0 is not between 1 and 9999")]
    [InlineData("ReservoirSize: 3", "ReservoirSize: -1", "ReservoirSize: -1 is negative")]
    [InlineData("Version: 1", "Version: 2", "Version: 2 is not 1")]
    [InlineData("Host: '*'", "Hosts: '*'", "Host is required")]
    public void Read_WhatXRayRefuses_FailsTheLoadNamingTheProperty(string from, string to, string message)
    {
        var yaml = Rule.Replace("{0}", "0.25", StringComparison.Ordinal).Replace(from.Replace("{0}", "0.25", StringComparison.Ordinal), to, StringComparison.Ordinal);

        var error = Assert.Throws<TemplateException>(() => InlineTemplate.Parse(yaml));

        Assert.Contains("Resources.Sampling.Properties.SamplingRule", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RepositoryTemplateWithParameterOverrides_TakesTheRateAndReservoirFromThem()
    {
        var account = TestAccount.With(("TraceFixedRate", "1"), ("TraceReservoirPerSecond", "0"));
        var template = TemplateReader.Load(Path.Combine(RepositoryRoot.Find(), "template.yaml"), account);

        var rule = Assert.Single(template.SamplingRules);

        Assert.Equal((1.0, 0), (rule.FixedRate, rule.ReservoirSize));
        Assert.Equal($"orders-{IntrinsicResolver.LocalStackIdSuffix.Split('-')[0]}", rule.RuleName);
        Assert.Equal($"arn:aws:apigateway:{account.Region}::/restapis/{Assert.Single(template.Apis).Id}/stages/v1", rule.ResourceArn);
    }
}
