namespace OrderPipeline.Deployment.Tests;

// No anonymous writes: POST /orders requires SigV4 (AWS_IAM), and the template names the ARN a caller's policy allows
// execute-api:Invoke on (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-control-access-using-iam-policies-to-invoke-api.html).
public sealed class TemplateAuthTests
{
    private readonly SamTemplate _template = SamTemplate.Load();

    [Fact]
    public void OrdersApi_DefaultAuthorizerIsAwsIamAndApiGatewayInvokesTheFunctionItself()
    {
        // InvokeRole NONE: SAM's default, CALLER_CREDENTIALS, would make every caller need lambda:InvokeFunction too
        // (aws/serverless-application-model #923, #1708).
        JsonAssert.Equal("""{"DefaultAuthorizer":"AWS_IAM","InvokeRole":"NONE"}""", _template.Properties("OrdersApi")["Auth"]);
    }

    [Fact]
    public void PostOrderEvent_OverridesNoAuthorizer()
    {
        var post = SamTemplate.Object(_template.Properties("ProducerFunction"), "Events", "PostOrder", "Properties");

        Assert.Null(post["Auth"]);
        JsonAssert.Equal("""{"Ref":"OrdersApi"}""", post["RestApiId"]);
    }

    [Fact]
    public void Outputs_PostOrderInvokeArn_IsThePostOrdersMethodOfTheStage()
    {
        var outputs = SamTemplate.Object(_template.Root, "Outputs");
        var post = SamTemplate.Object(_template.Properties("ProducerFunction"), "Events", "PostOrder", "Properties");

        var arn = (string)outputs["PostOrderInvokeArn"]!["Value"]!["Fn::Sub"]!;

        Assert.Equal(
            "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${OrdersApi}/${StageName}/POST/orders", arn);
        Assert.EndsWith($"/{((string)post["Method"]!).ToUpperInvariant()}{(string)post["Path"]!}", arn, StringComparison.Ordinal);
    }
}
