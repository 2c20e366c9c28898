using OrderPipeline.Local.Stack.Template;

namespace OrderPipeline.Local.Tests.Stack.Template;

public sealed class ParameterReaderTests
{
    private const string Required = "Parameters:\n  Name:\n    Type: String\n    AllowedValues: [a, b]\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: !Ref Name\n";

    [Fact]
    public void Read_Override_BecomesValueAndDefaultIsKept()
    {
        var resources = TestAccount.With(("Name", "b"));

        var template = TemplateReader.Parse(Required, resources);

        Assert.Equal(new TemplateParameter("Name", "String", null, template.Parameters[0].AllowedValues, "b"), template.Parameters[0]);
        Assert.Equal("b", template.Function("Fn").Handler);
    }

    [Fact]
    public void Read_OverrideNotAllowed_Throws()
    {
        var resources = TestAccount.With(("Name", "c"));

        var exception = Assert.Throws<TemplateException>(() => TemplateReader.Parse(Required, resources));

        Assert.Equal("Parameters.Name: 'c' is not one of the allowed values (a, b).", exception.Message);
    }

    // CloudFormation refuses a Number outside MinValue/MaxValue, a --parameter-overrides value included
    // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html).
    [Theory]
    [InlineData("1", "Parameter 'Pollers' must be a number not less than 2")]
    [InlineData("1001", "Parameter 'Pollers' must be a number not greater than 1000")]
    [InlineData("many", "Parameter 'Pollers' must be a number.")]
    public void Read_NumberOverrideOutOfRange_ThrowsAsCloudFormationDoes(string value, string expected)
    {
        const string yaml = "Parameters:\n  Pollers:\n    Type: Number\n    Default: 5\n    MinValue: 2\n    MaxValue: 1000\nResources: {}\n";

        var exception = Assert.Throws<TemplateException>(() => TemplateReader.Parse(yaml, TestAccount.With(("Pollers", value))));

        Assert.Equal(expected, exception.Message);
        Assert.Equal("1000", TemplateReader.Parse(yaml, TestAccount.With(("Pollers", "1000"))).Parameters[0].Value);
    }

    [Fact]
    public void Ref_ParameterWithoutDefaultOrOverride_ThrowsNamingTheProperty()
    {
        var exception = Assert.Throws<TemplateException>(() => TemplateReader.Parse(Required, TestAccount.With()));

        Assert.Equal("Resources.Fn.Properties.Handler (Ref): parameter Name has no default and no value was given.", exception.Message);
    }

    [Fact]
    public void Read_MissingType_Throws()
    {
        var exception = Assert.Throws<TemplateException>(
            () => TemplateReader.Parse("Parameters:\n  P:\n    Default: x\nResources: {}\n", TestAccount.With()));

        Assert.Equal("Parameters.P.Type is required.", exception.Message);
    }
}
