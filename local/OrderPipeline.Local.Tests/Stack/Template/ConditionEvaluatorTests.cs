using OrderPipeline.Local.Stack.Template;

namespace OrderPipeline.Local.Tests.Stack.Template;

public sealed class ConditionEvaluatorTests
{
    [Theory]
    [InlineData("IsV1", "v1", true)]
    [InlineData("IsV1", "prod", false)]
    [InlineData("NotV1", "prod", true)]
    [InlineData("V1OrProd", "prod", true)]
    [InlineData("V1OrProd", "dev", false)]
    [InlineData("Both", "v1", true)]
    [InlineData("Both", "prod", false)]
    public void Evaluate_Condition_FollowsTheStageParameter(string condition, string stage, bool expected)
    {
        var resources = TestAccount.With(("Stage", stage));

        var value = InlineTemplate.Resolve($"!If [{condition}, 'true', 'false']", resources);

        Assert.Equal(expected.ToString().ToLowerInvariant(), value);
    }

    [Fact]
    public void Evaluate_ConditionReferringToItself_Throws()
    {
        var yaml = InlineTemplate.WithVariable("!If [Loop, a, b]")
            .Replace("Conditions:\n", "Conditions:\n  Loop: !Not [!Condition Loop]\n", StringComparison.Ordinal);

        var exception = Assert.Throws<TemplateException>(() => TemplateReader.Parse(yaml, TestAccount.With()));

        Assert.Contains("Conditions.Loop: the condition refers to itself", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NotAConditionFunction_Throws()
    {
        var yaml = InlineTemplate.WithVariable("!If [Plain, a, b]")
            .Replace("Conditions:\n", "Conditions:\n  Plain: yes\n", StringComparison.Ordinal);

        var exception = Assert.Throws<TemplateException>(() => TemplateReader.Parse(yaml, TestAccount.With()));

        Assert.Contains("Conditions.Plain: expected a condition function", exception.Message, StringComparison.Ordinal);
    }
}
