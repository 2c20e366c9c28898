using OrderPipeline.Local.Stack.Template;

namespace OrderPipeline.Local.Tests.Stack.Template;

public sealed class ApiReaderTests
{
    [Fact]
    public void Read_GlobalsApi_MergedAndStageResolved()
    {
        var template = InlineTemplate.Parse(string.Empty, "Globals:\n  Api:\n    TracingEnabled: true\n");

        Assert.Equal([new ApiDefinition("Api", "local-stack", TestAccount.With().RestApiId("Api"), "v1", true)], template.Apis);
    }

    [Fact]
    public void Read_TemplateSilentOnTracing_TracingDisabled()
    {
        Assert.False(Assert.Single(InlineTemplate.Parse(string.Empty).Apis).TracingEnabled);
    }

    [Fact]
    public void Read_AuthDefaultAuthorizerAwsIam_Read()
    {
        var template = InlineTemplate.Parse(
            "  Other:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: s\n      Auth:\n        DefaultAuthorizer: AWS_IAM\n        InvokeRole: NONE\n");

        Assert.Equal("AWS_IAM", template.Apis.Single(api => api.LogicalId == "Other").DefaultAuthorizer);
        Assert.Null(template.Apis.Single(api => api.LogicalId == "Api").DefaultAuthorizer);
    }

    [Fact]
    public void Read_GlobalsApiAuth_AppliesToTheApi()
    {
        var template = InlineTemplate.Parse(string.Empty, "Globals:\n  Api:\n    Auth:\n      DefaultAuthorizer: AWS_IAM\n");

        Assert.Equal([new ApiDefinition("Api", "local-stack", TestAccount.With().RestApiId("Api"), "v1", false, "AWS_IAM")], template.Apis);
    }

    [Theory]
    [InlineData("    Properties:\n      TracingEnabled: true", "Resources.Other.Properties.StageName is required.")]
    [InlineData("    Properties:\n      StageName: s\n      Auth:\n        DefaultAuthorizer: MyCognito",
        "Resources.Other.Properties.Auth.DefaultAuthorizer: the local stack runs AWS_IAM authorization only, not 'MyCognito'.")]
    [InlineData("    Properties:\n      StageName: s\n      TracingEnabled: maybe", "Resources.Other.Properties.TracingEnabled: 'maybe' is not true or false.")]
    public void Read_InvalidProperty_ThrowsNamingIt(string properties, string expected)
    {
        var exception = Assert.Throws<TemplateException>(
            () => InlineTemplate.Parse($"  Other:\n    Type: AWS::Serverless::Api\n{properties}\n"));

        Assert.Equal(expected, exception.Message);
    }
}
