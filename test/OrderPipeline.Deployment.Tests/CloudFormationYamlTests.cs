namespace OrderPipeline.Deployment.Tests;

public sealed class CloudFormationYamlTests
{
    [Theory]
    [InlineData("v: !Ref OrdersQueue", """{"v":{"Ref":"OrdersQueue"}}""")]
    [InlineData("v: !GetAtt OrdersQueue.Arn", """{"v":{"Fn::GetAtt":["OrdersQueue","Arn"]}}""")]
    [InlineData("v: !GetAtt [OrdersQueue, Arn]", """{"v":{"Fn::GetAtt":["OrdersQueue","Arn"]}}""")]
    [InlineData("v: !GetAtt Api.RootResource.Id", """{"v":{"Fn::GetAtt":["Api","RootResource.Id"]}}""")]
    [InlineData("v: !Sub 'https://${Api}/x'", """{"v":{"Fn::Sub":"https://${Api}/x"}}""")]
    [InlineData("v: !Join [',', [a, !Ref B]]", """{"v":{"Fn::Join":[",",["a",{"Ref":"B"}]]}}""")]
    [InlineData("v: !Select [0, !GetAZs '']", """{"v":{"Fn::Select":[0,{"Fn::GetAZs":""}]}}""")]
    [InlineData("v: !If [IsProd, 10, !Ref AWS::NoValue]", """{"v":{"Fn::If":["IsProd",10,{"Ref":"AWS::NoValue"}]}}""")]
    [InlineData("v: !Equals [!Ref Stage, prod]", """{"v":{"Fn::Equals":[{"Ref":"Stage"},"prod"]}}""")]
    [InlineData("v: !Condition IsProd", """{"v":{"Condition":"IsProd"}}""")]
    public void ToJson_ShortFormTag_BecomesLongForm(string yaml, string expectedJson)
    {
        JsonAssert.Equal(expectedJson, CloudFormationYaml.ToJson(yaml));
    }

    [Theory]
    [InlineData("v: 30", """{"v":30}""")]
    [InlineData("v: -1.5", """{"v":-1.5}""")]
    [InlineData("v: true", """{"v":true}""")]
    [InlineData("v: False", """{"v":false}""")]
    [InlineData("v: ~", """{"v":null}""")]
    [InlineData("v:", """{"v":null}""")]
    [InlineData("v: '30'", """{"v":"30"}""")]
    [InlineData("v: \"true\"", """{"v":"true"}""")]
    [InlineData("v: '2010-09-09'", """{"v":"2010-09-09"}""")]
    [InlineData("v: provided.al2023", """{"v":"provided.al2023"}""")]
    [InlineData("v: [x86_64]", """{"v":["x86_64"]}""")]
    [InlineData("v: >-\n  two\n  lines", """{"v":"two lines"}""")]
    public void ToJson_Scalar_TakesYamlCoreType(string yaml, string expectedJson)
    {
        JsonAssert.Equal(expectedJson, CloudFormationYaml.ToJson(yaml));
    }

    [Theory]
    [InlineData("v: !Reff OrdersQueue")]
    [InlineData("v: !GetAtt OrdersQueue")]
    public void ToJson_UnknownOrMalformedIntrinsic_Throws(string yaml)
    {
        Assert.Throws<InvalidDataException>(() => CloudFormationYaml.ToJson(yaml));
    }
}
