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

    [Fact]
    public void Read_MethodSettings_ThrottlingReadWithParametersResolved()
    {
        var template = TemplateReader.Parse(
            "Parameters:\n  Rate:\n    Type: Number\n    Default: 50\nResources:\n"
            + "  Other:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: s\n      MethodSettings:\n"
            + "        - ResourcePath: '/*'\n          HttpMethod: '*'\n          ThrottlingRateLimit: !Ref Rate\n          ThrottlingBurstLimit: 100\n"
            + "        - ResourcePath: /~1orders\n          HttpMethod: post\n          ThrottlingRateLimit: 0.5\n          LoggingLevel: INFO\n",
            TestAccount.With(("Rate", "75")));

        Assert.Equal(
            [new ApiMethodSetting("/*", "*", 75, 100), new ApiMethodSetting("/~1orders", "POST", 0.5, null)],
            Assert.Single(template.Apis).MethodSettings!);
    }

    [Theory]
    [InlineData("/*", "*", "/orders/{id}", "GET", true)]
    [InlineData("/~1orders~1{id}", "*", "/orders/{id}", "DELETE", true)]
    [InlineData("/~1orders~1{id}", "GET", "/orders/{id}", "POST", false)]
    [InlineData("/~1orders", "*", "/orders/{id}", "GET", false)]
    public void Covers_ResourcePathWithEncodedSlashesAndMethod(string resourcePath, string httpMethod, string path, string method, bool covered)
    {
        Assert.Equal(covered, new ApiMethodSetting(resourcePath, httpMethod, 1, 1).Covers(path, method));
    }

    [Theory]
    [InlineData("    Properties:\n      TracingEnabled: true", "Resources.Other.Properties.StageName is required.")]
    [InlineData("    Properties:\n      StageName: s\n      Auth:\n        DefaultAuthorizer: MyCognito",
        "Resources.Other.Properties.Auth.DefaultAuthorizer: the local stack runs AWS_IAM authorization only, not 'MyCognito'.")]
    [InlineData("    Properties:\n      StageName: s\n      TracingEnabled: maybe", "Resources.Other.Properties.TracingEnabled: 'maybe' is not true or false.")]
    [InlineData("    Properties:\n      StageName: s\n      MethodSettings:\n        - ResourcePath: /*\n          HttpMethod: '*'\n          ThrottlingRateLimit: fast",
        "Resources.Other.Properties.MethodSettings[0].ThrottlingRateLimit: 'fast' is not a number of requests a second.")]
    [InlineData("    Properties:\n      StageName: s\n      MethodSettings:\n        - HttpMethod: '*'\n          ThrottlingBurstLimit: 5",
        "Resources.Other.Properties.MethodSettings[0].ResourcePath is required.")]
    public void Read_InvalidProperty_ThrowsNamingIt(string properties, string expected)
    {
        var exception = Assert.Throws<TemplateException>(
            () => InlineTemplate.Parse($"  Other:\n    Type: AWS::Serverless::Api\n{properties}\n"));

        Assert.Equal(expected, exception.Message);
    }

    // SAM writes "/" as "~1" in BinaryMediaTypes:
    // https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-api.html#sam-api-binarymediatypes
    [Fact]
    public void Read_BinaryMediaTypes_DecodedFromSamsEscape()
    {
        var template = InlineTemplate.Parse(
            "  Bin:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: s\n      BinaryMediaTypes: ['image~1png', 'application/octet-stream']\n");

        var api = template.Apis.Single(candidate => candidate.LogicalId == "Bin");
        Assert.Equal(["image/png", "application/octet-stream"], api.BinaryMediaTypes);
        Assert.Null(template.Apis.Single(candidate => candidate.LogicalId == "Api").BinaryMediaTypes);
    }

    [Theory]
    [InlineData("image/png", true)]
    [InlineData("IMAGE/PNG; charset=binary", true)]
    [InlineData("application/octet-stream", true)]
    [InlineData("image/jpeg", false)]
    [InlineData("text/plain", false)]
    [InlineData(null, false)]
    public void IsBinary_ContentType_MatchesTheListedMediaTypes(string? contentType, bool binary)
    {
        var api = new ApiDefinition("Api", "local-stack", "api", "v1", false, BinaryMediaTypes: ["image/png", "application/*"]);

        Assert.Equal(binary, api.IsBinary(contentType));
    }

    [Theory]
    [InlineData("      Cors: \"'*'\"", "Resources.Other.Properties.Cors: Cors is not supported by the local stack on AWS::Serverless::Api")]
    [InlineData("      Auth:\n        ApiKeyRequired: true", "Resources.Other.Properties.Auth.ApiKeyRequired: ApiKeyRequired is not supported by the local stack on an API's Auth")]
    public void Read_RefusedProperty_ThrowsNamingIt(string property, string expected)
    {
        var exception = Assert.Throws<TemplateException>(() => InlineTemplate.Parse(
            $"  Other:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: s\n{property}\n"));

        Assert.StartsWith(expected, exception.Message, StringComparison.Ordinal);
    }
}
