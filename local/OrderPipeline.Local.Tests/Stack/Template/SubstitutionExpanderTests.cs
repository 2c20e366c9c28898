using OrderPipeline.Local.Stack.Template;

namespace OrderPipeline.Local.Tests.Stack.Template;

public sealed class SubstitutionExpanderTests
{
    [Theory]
    [InlineData("!Sub 'https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${Stage}/orders'",
        "https://h8p9ijlr62.execute-api.eu-west-1.amazonaws.com/v1/orders")]
    [InlineData("!Sub '${Queue.Arn}|${Queue}'",
        "arn:aws:sqs:eu-west-1:000000000000:local-stack-Queue-W5ABP2L9UQ05|http://127.0.0.1:9324/000000000000/local-stack-Queue-W5ABP2L9UQ05")]
    [InlineData("!Sub 'keep ${!Literal} and ${AWS::AccountId}'", "keep ${Literal} and 000000000000")]
    [InlineData("!Sub 'no variables'", "no variables")]
    [InlineData("{ 'Fn::Sub': '${AWS::StackName}-x' }", "local-stack-x")]
    [InlineData("!Sub ['${Name}/${Stage}', { Name: !GetAtt Queue.QueueName }]", "local-stack-Queue-W5ABP2L9UQ05/v1")]
    [InlineData("{ 'Fn::Sub': ['${A}${B}', { A: x, B: !Join ['', [y, z]] }] }", "xyz")]
    public void Expand_Forms_ResolveEveryVariable(string expression, string expected) =>
        Assert.Equal(expected, InlineTemplate.Resolve(expression));

    [Theory]
    [InlineData("!Sub 'a ${Missing} b'", "VALUE (Fn::Sub) ${Missing}: Missing is no parameter")]
    [InlineData("!Sub 'a ${Queue.Nope}'", "no value for Queue.Nope")]
    [InlineData("!Sub 'a ${Stage'", "has no closing '}'")]
    [InlineData("!Sub ['${A}', [x]]", "must be a mapping of variables")]
    public void Expand_Unresolvable_ThrowsNamingTheVariable(string expression, string expected)
    {
        var exception = Assert.Throws<TemplateException>(() => InlineTemplate.Resolve(expression));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }
}
