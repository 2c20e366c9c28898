using System.Text.Json.Nodes;
using NJsonSchema.Validation;

namespace OrderPipeline.Deployment.Tests;

public sealed class TemplateSchemaTests(SamSchemaFixture sam) : IClassFixture<SamSchemaFixture>
{
    public static TheoryData<string> Breakages =>
    [
        "unknown function property",
        "tracing mode outside its enum",
        "CodeUri neither string nor object",
        "unknown Globals section",
        "unknown SQS event property",
    ];

    [SkippableFact]
    public void Validate_TemplateAsWritten_HasNoErrors()
    {
        var errors = sam.Schema.Validate(SamTemplate.Load().Root.ToJsonString());

        Assert.True(errors.Count == 0, Describe(errors));
    }

    [SkippableTheory]
    [MemberData(nameof(Breakages))]
    public void Validate_BrokenCopyOfTemplate_ReportsErrors(string breakage)
    {
        var template = SamTemplate.Load();
        Break(template, breakage);

        var errors = sam.Schema.Validate(template.Root.ToJsonString());

        Assert.NotEmpty(errors);
    }

    private static void Break(SamTemplate template, string breakage)
    {
        switch (breakage)
        {
            case "unknown function property":
                template.Properties("ProducerFunction")["Handlr"] = "bootstrap";
                break;
            case "tracing mode outside its enum":
                template.Properties("ConsumerFunction")["Tracing"] = "Sometimes";
                break;
            case "CodeUri neither string nor object":
                template.Properties("ProducerFunction")["CodeUri"] = 42;
                break;
            case "unknown Globals section":
                SamTemplate.Object(template.Root, "Globals")["Functions"] = new JsonObject { ["Timeout"] = 10 };
                break;
            case "unknown SQS event property":
                SamTemplate.Object(template.Properties("ConsumerFunction"), "Events", "Orders", "Properties")["BatchSizes"] = 10;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(breakage), breakage, "Unknown breakage.");
        }
    }

    private static string Describe(IEnumerable<ValidationError> errors) =>
        string.Join(Environment.NewLine, Flatten(errors).Select(e => $"{e.Kind} at {e.Path} (line {e.LineNumber})"));

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors) =>
        errors.SelectMany(e => e is ChildSchemaValidationError child
            ? [e, .. Flatten(child.Errors.SelectMany(pair => pair.Value))]
            : new[] { e });
}
