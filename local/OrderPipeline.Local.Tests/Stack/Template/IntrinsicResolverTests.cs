using OrderPipeline.Local.Stack.Template;

namespace OrderPipeline.Local.Tests.Stack.Template;

public sealed class IntrinsicResolverTests
{
    [Theory]
    [InlineData("!Ref Queue", "http://127.0.0.1:9324/000000000000/local-stack-Queue-W5ABP2L9UQ05")]
    [InlineData("{ Ref: Queue }", "http://127.0.0.1:9324/000000000000/local-stack-Queue-W5ABP2L9UQ05")]
    [InlineData("!Ref Api", "h8p9ijlr62")]
    [InlineData("!Ref Stage", "v1")]
    [InlineData("!Ref AWS::Region", "eu-west-1")]
    [InlineData("!Ref AWS::AccountId", "000000000000")]
    [InlineData("!Ref AWS::URLSuffix", "amazonaws.com")]
    [InlineData("!Ref AWS::StackName", "local-stack")]
    [InlineData("!Ref AWS::Partition", "aws")]
    public void Ref_KnownName_ResolvesToLocalValue(string expression, string expected) =>
        Assert.Equal(expected, InlineTemplate.Resolve(expression));

    [Theory]
    [InlineData("!GetAtt Queue.Arn", "arn:aws:sqs:eu-west-1:000000000000:local-stack-Queue-W5ABP2L9UQ05")]
    [InlineData("!GetAtt Queue.QueueName", "local-stack-Queue-W5ABP2L9UQ05")]
    [InlineData("!GetAtt Queue.QueueUrl", "http://127.0.0.1:9324/000000000000/local-stack-Queue-W5ABP2L9UQ05")]
    [InlineData("!GetAtt [Queue, Arn]", "arn:aws:sqs:eu-west-1:000000000000:local-stack-Queue-W5ABP2L9UQ05")]
    [InlineData("{ 'Fn::GetAtt': [Queue, QueueName] }", "local-stack-Queue-W5ABP2L9UQ05")]
    [InlineData("{ 'Fn::GetAtt': Queue.QueueName }", "local-stack-Queue-W5ABP2L9UQ05")]
    public void GetAtt_QueueAttribute_ResolvesToLocalValue(string expression, string expected) =>
        Assert.Equal(expected, InlineTemplate.Resolve(expression));

    [Theory]
    [InlineData("!Join ['-', [a, !Ref Stage, !GetAtt Queue.QueueName]]", "a-v1-local-stack-Queue-W5ABP2L9UQ05")]
    [InlineData("{ 'Fn::Join': ['', [x, { Ref: Stage }]] }", "xv1")]
    [InlineData("!Join [',', !Ref Names]", "a,b,c")]
    [InlineData("!Join ['', [a, !Ref AWS::NoValue, b]]", "ab")]
    [InlineData("!Select [1, !Ref Names]", "b")]
    [InlineData("!Select [2, !Split ['/', 'x/y/z']]", "z")]
    [InlineData("{ 'Fn::Select': [0, { 'Fn::Split': [',', 'p,q'] }] }", "p")]
    [InlineData("!FindInMap [Sizes, !Ref Stage, Memory]", "512")]
    [InlineData("!Base64 hello", "aGVsbG8=")]
    [InlineData("{ 'Fn::Base64': !Ref Stage }", "djE=")]
    [InlineData("!Select [0, !GetAZs '']", "eu-west-1a")]
    public void Evaluate_ListAndStringFunctions_ResolveBothForms(string expression, string expected) =>
        Assert.Equal(expected, InlineTemplate.Resolve(expression));

    [Theory]
    [InlineData("!If [IsV1, yes, no]", "yes")]
    [InlineData("!If [IsProd, yes, no]", "no")]
    [InlineData("{ 'Fn::If': [NotV1, yes, !Ref Stage] }", "v1")]
    public void If_Condition_ChoosesBranchAndResolvesOnlyIt(string expression, string expected) =>
        Assert.Equal(expected, InlineTemplate.Resolve(expression));

    [Fact]
    public void If_UnchosenBranchUnresolvable_IsNotEvaluated() =>
        Assert.Equal("ok", InlineTemplate.Resolve("!If [IsV1, ok, !Ref Missing]"));

    [Fact]
    public void Ref_NoValue_DropsTheProperty()
    {
        var template = TemplateReader.Parse(
            InlineTemplate.WithVariable("!If [IsProd, x, !Ref AWS::NoValue]"), TestAccount.With());

        Assert.False(template.Function("Fn").Environment.ContainsKey("VALUE"));
    }

    [Fact]
    public void Ref_ParameterOverride_WinsOverDefault()
    {
        var resources = TestAccount.With(("Stage", "prod"));

        Assert.Equal("yes", InlineTemplate.Resolve("!If [IsProd, yes, no]", resources));
    }

    [Theory]
    [InlineData("!Ref Missing", "Resources.Fn.Properties.Environment.Variables.VALUE (Ref): Missing is no parameter")]
    [InlineData("!Ref Logs", "the local stack has no value for Ref of Logs (AWS::Logs::LogGroup)")]
    [InlineData("!GetAtt Queue.Nope", "no value for Queue.Nope (AWS::SQS::Queue)")]
    [InlineData("!GetAtt Missing.Arn", "Missing is no resource of the template")]
    [InlineData("!GetAtt Queue", "expected LogicalId.Attribute, found 'Queue'")]
    [InlineData("!ImportValue shared", "the local stack cannot resolve Fn::ImportValue")]
    [InlineData("!Ref Names", "expected a single value, found a list")]
    [InlineData("!Join [',']", "Fn::Join takes a list of 2 items")]
    [InlineData("!Select [5, !Ref Names]", "the index is not within the list of 3")]
    [InlineData("!If [Unknown, a, b]", "Conditions has no Unknown")]
    [InlineData("!Sub '${AWS::NoValue}'", "resolves to AWS::NoValue where a value is required")]
    public void Resolve_Unresolvable_ThrowsNamingThePath(string expression, string expected)
    {
        var exception = Assert.Throws<TemplateException>(() => InlineTemplate.Resolve(expression));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }
}
