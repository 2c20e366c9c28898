using OrderPipeline.Local.Stack.Template;

namespace OrderPipeline.Local.Tests.Stack.Template;

public sealed class FunctionReaderTests
{
    private const string Bare = """
          Bare:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: src/

        """;

    [Fact]
    public void Read_TemplateSilent_AppliesSamDefaults()
    {
        var function = InlineTemplate.Parse(Bare).Function("Bare");

        Assert.Equal((3, 128, "src/"), (function.Timeout, function.MemorySize, function.CodeUri));
        Assert.Equal(["x86_64"], function.Architectures);
        Assert.Empty(function.Environment);
        Assert.Null(function.Runtime);
        Assert.Null(function.Tracing);
        Assert.Null(function.LoggingConfig);
        Assert.Null(function.BuildMethod);
        Assert.Null(function.ReservedConcurrentExecutions);
    }

    [Fact]
    public void Read_ReservedConcurrentExecutions_FromTheFunctionOrGlobals()
    {
        var template = InlineTemplate.Parse(
            Bare + "  Reserved:\n    Type: AWS::Serverless::Function\n    Properties:\n      ReservedConcurrentExecutions: 3\n",
            "Globals:\n  Function:\n    ReservedConcurrentExecutions: 7\n");

        Assert.Equal((7, 3), (template.Function("Bare").ReservedConcurrentExecutions, template.Function("Reserved").ReservedConcurrentExecutions));
    }

    [Fact]
    public void Read_Globals_MergedAsSamDoes()
    {
        const string Globals = """
            Globals:
              Function:
                Runtime: provided.al2023
                Timeout: 7
                Architectures: [arm64]
                Environment:
                  Variables:
                    SHARED: !Ref Stage
                    OWN: global
                LoggingConfig:
                  LogFormat: JSON

            """;
        const string Function = """
              Merged:
                Type: AWS::Serverless::Function
                Metadata:
                  BuildMethod: makefile
                Properties:
                  Timeout: 12
                  MemorySize: !FindInMap [Sizes, v1, Memory]
                  Environment:
                    Variables:
                      OWN: local
                  LoggingConfig:
                    ApplicationLogLevel: WARN
                    LogGroup: !Ref Logs

            """;

        var function = InlineTemplate.Parse(Function, Globals).Function("Merged");

        Assert.Equal(("provided.al2023", 12, 512, "makefile"),
            (function.Runtime, function.Timeout, function.MemorySize, function.BuildMethod));
        Assert.Equal(["arm64"], function.Architectures);
        Assert.Equal(["OWN=local", "SHARED=v1"], function.Environment.Select(e => $"{e.Key}={e.Value}").Order());
        Assert.Equal(new FunctionLoggingConfig("JSON", "WARN", null), function.LoggingConfig);
    }

    [Theory]
    [InlineData("Timeout: ten", "Resources.Bad.Properties.Timeout: 'ten' is not a whole number.")]
    [InlineData("Environment:\n        Variables:\n          X: !Ref Logs", "Resources.Bad.Properties.Environment.Variables.X (Ref)")]
    [InlineData("Environment: [a]", "Resources.Bad.Properties.Environment must be a mapping.")]
    [InlineData("Architectures: x86_64", "Resources.Bad.Properties.Architectures must be a list.")]
    public void Read_InvalidProperty_ThrowsNamingResourceAndProperty(string property, string expected)
    {
        var resource = $"""
              Bad:
                Type: AWS::Serverless::Function
                Properties:
                  {property}

            """;

        var exception = Assert.Throws<TemplateException>(() => InlineTemplate.Parse(resource));

        Assert.StartsWith(expected, exception.Message, StringComparison.Ordinal);
    }

    // AWS::Serverless::Function's properties:
    // https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html
    [Theory]
    [InlineData("ReservedConcurrentExecutions: 5")]
    [InlineData("Role: arn:aws:iam::000000000000:role/r")]
    [InlineData("DeadLetterQueue:\n        Type: SQS\n        TargetArn: !GetAtt Queue.Arn")]
    [InlineData("Description: stores orders")]
    [InlineData("VpcConfig:\n        SubnetIds: [subnet-1]\n        SecurityGroupIds: [sg-1]")]
    [InlineData("AutoPublishAlias: live")]
    public void Read_PropertyWithoutLocalEffect_AcceptedAsListed(string property)
    {
        var function = InlineTemplate.Parse(Bare + $"      {property}\n").Function("Bare");

        Assert.Equal("Bare", function.LogicalId);
        Assert.Contains(property.Split(':')[0], FunctionReader.Properties.AcceptedWithoutEffect.Keys);
    }

    [Theory]
    [InlineData("Layers: [arn:aws:lambda:eu-west-1:000000000000:layer:l:1]", "Resources.Bare.Properties.Layers: layers are not mounted by the local stack")]
    [InlineData("PackageType: Image", "Resources.Bare.Properties.PackageType: Image is not run by the local stack")]
    [InlineData("FunctionUrlConfig:\n        AuthType: AWS_IAM", "Resources.Bare.Properties.FunctionUrlConfig: function URLs are not served by the local stack.")]
    [InlineData("Timout: 10", "Resources.Bare.Properties.Timout: Timout is not supported by the local stack on AWS::Serverless::Function")]
    [InlineData("LoggingConfig:\n        LogFormat: JSON\n        Level: INFO", "Resources.Bare.Properties.LoggingConfig.Level: Level is not supported by the local stack on LoggingConfig")]
    public void Read_RefusedProperty_ThrowsNamingIt(string property, string expected)
    {
        var exception = Assert.Throws<TemplateException>(() => InlineTemplate.Parse(Bare + $"      {property}\n"));

        Assert.StartsWith(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusedPropertyInGlobals_ThrowsNamingTheFunction()
    {
        var exception = Assert.Throws<TemplateException>(() =>
            InlineTemplate.Parse(Bare, "Globals:\n  Function:\n    Layers: [arn:l]\n"));

        Assert.StartsWith("Resources.Bare.Properties.Layers:", exception.Message, StringComparison.Ordinal);
    }
}
