using OrderPipeline.Local;
using OrderPipeline.Local.Lambda;
using OrderPipeline.Local.Stack.Template;

namespace OrderPipeline.TestHelpers.Functions;

/// <summary>
/// What Lambda gives a function of the repository's template.yaml for some parameter values: the function's
/// <c>Environment.Variables</c> (Globals merged) and the variables Lambda derives from its <c>LoggingConfig</c>
/// (<c>AWS_LAMBDA_LOG_FORMAT</c>, <c>AWS_LAMBDA_LOG_LEVEL</c>), read by the local stack's own template reader and built
/// by its function environment, so a test and <c>up</c> start a function alike. References to resources resolve to
/// placeholders: a test passes its own endpoints and names on top.
/// </summary>
public static class TemplateFunctionEnvironment
{
    /// <summary>The variables of <paramref name="logicalId"/> with <paramref name="parameters"/> overriding defaults.</summary>
    /// <exception cref="TemplateException">A parameter value is not allowed, or the template has no such function.</exception>
    public static IReadOnlyDictionary<string, string> Read(string logicalId, IReadOnlyDictionary<string, string> parameters)
    {
        var resources = Placeholders(parameters);
        var function = TemplateReader.Load(TemplatePath, resources).Function(logicalId);
        var local = FunctionLoggingConfig.Apply(
            function.LoggingConfig,
            new LocalFunction(logicalId, "bootstrap", [], ".", function.Environment, TimeSpan.FromSeconds(function.Timeout), function.MemorySize, 1));
        var variables = FunctionEnvironment.Build(
            local, new LambdaServiceSettings(resources.Region, new Dictionary<string, string>()), "unused", _ => null);
        variables.Remove(FunctionEnvironment.RuntimeApiVariable);
        return variables;
    }

    /// <summary>The <c>AllowedValues</c> of the template parameter <paramref name="name"/>, in template order.</summary>
    public static IReadOnlyList<string> AllowedValues(string name) =>
        TemplateReader.Load(TemplatePath, Placeholders(new Dictionary<string, string>()))
            .Parameters.Single(parameter => parameter.Name == name).AllowedValues;

    private static string TemplatePath => Path.Combine(RepositoryRoot.Find(), "template.yaml");

    private static LocalAccount Placeholders(IReadOnlyDictionary<string, string> parameters) =>
        new("https://sqs.us-east-1.amazonaws.com", "us-east-1", parameters, "orderpipeline-test");
}
