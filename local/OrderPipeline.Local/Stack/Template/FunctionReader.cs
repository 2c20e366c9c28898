using OrderPipeline.Local.Lambda;
using OrderPipeline.Local.Lambda.EventSourceMapping;
using YamlDotNet.RepresentationModel;

namespace OrderPipeline.Local.Stack.Template;

/// <summary>Reads an <c>AWS::Serverless::Function</c> with <c>Globals.Function</c> merged in as SAM merges it.</summary>
internal sealed class FunctionReader(
    TemplateDocument document, PropertyReader properties, IntrinsicResolver resolver, EventReader events)
{
    private const string NoIam = "the local stack evaluates no IAM policies (see Known differences)";
    private const string Deployment = "versions, aliases and deployments are deployment concerns; the local stack runs the current code";
    private const string AsyncOnly = "it applies to asynchronous invocations, and the local stack invokes functions synchronously only";

    /// <summary>
    /// What the local stack does with each property of an <c>AWS::Serverless::Function</c>, Globals merged in
    /// (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html).
    /// </summary>
    public static readonly SupportedProperties Properties = new(
        TemplateDocument.FunctionType,
        [
            "FunctionName", "Runtime", "Handler", "CodeUri", "Timeout", "MemorySize", "Architectures", "Environment", "Tracing",
            "LoggingConfig", "Events", "PackageType",
        ],
        new Dictionary<string, string>
        {
            ["Description"] = "a description changes nothing a function does",
            ["ReservedConcurrentExecutions"] = "the local Lambda service bounds each function by its own concurrency (--concurrency)",
            ["Role"] = NoIam,
            ["Policies"] = NoIam,
            ["PermissionsBoundary"] = NoIam,
            ["AssumeRolePolicyDocument"] = NoIam,
            ["Tags"] = "the local Lambda service serves no tagging operations",
            ["PropagateTags"] = "the local Lambda service serves no tagging operations",
            ["KmsKeyArn"] = "environment variables reach the process in plain text either way",
            ["VpcConfig"] = "functions run on the host's network and reach the local endpoints on 127.0.0.1",
            ["AutoPublishAlias"] = Deployment,
            ["AutoPublishAliasAllProperties"] = Deployment,
            ["AutoPublishCodeSha256"] = Deployment,
            ["VersionDescription"] = Deployment,
            ["DeploymentPreference"] = Deployment,
            ["ProvisionedConcurrencyConfig"] = Deployment,
            ["SnapStart"] = Deployment,
            ["CodeSigningConfigArn"] = Deployment,
            ["RuntimeManagementConfig"] = "the local stack runs the bootstrap the Makefile built, with no managed runtime",
            ["DeadLetterQueue"] = AsyncOnly,
            ["EventInvokeConfig"] = AsyncOnly,
            ["RecursiveLoop"] = "the local stack runs no recursive-loop detection (see Known differences)",
        },
        new Dictionary<string, string>
        {
            ["Layers"] = "layers are not mounted by the local stack; the function would run without their code.",
            ["ImageUri"] = "container images are not run by the local stack; functions are zip builds of the Makefile.",
            ["ImageConfig"] = "container images are not run by the local stack; functions are zip builds of the Makefile.",
            ["InlineCode"] = "inline code is not run by the local stack; functions are zip builds of the Makefile.",
            ["FileSystemConfigs"] = "EFS file systems are not mounted by the local stack.",
            ["FunctionUrlConfig"] = "function URLs are not served by the local stack.",
            ["EphemeralStorage"] = "the local stack does not bound /tmp; a function that fills it would fail only in AWS.",
        });

    private static readonly SupportedProperties LoggingProperties = new(
        "LoggingConfig",
        ["LogFormat", "ApplicationLogLevel", "SystemLogLevel"],
        new Dictionary<string, string> { ["LogGroup"] = "the local stack streams each function's log lines to its own output" });

    public FunctionDefinition Read(string logicalId, YamlMappingNode resource)
    {
        var path = $"Resources.{logicalId}";
        var globals = YamlNodes.ChildMapping(document.Globals, "Function", "Globals");
        var own = YamlNodes.ChildMapping(resource, "Properties", path);
        var merged = GlobalsMerger.Merge(globals, own);
        path += ".Properties";
        Properties.Check(merged, path);
        if (properties.OptionalString(merged, "PackageType", path) is { } packageType and not "Zip")
        {
            throw new TemplateException(
                $"{path}.PackageType: {packageType} is not run by the local stack; functions are zip builds of the Makefile.");
        }

        var architectures = properties.StringList(merged, "Architectures", path);
        var environment = properties.Mapping(merged, "Environment", path);
        var metadata = YamlNodes.ChildMapping(resource, "Metadata", $"Resources.{logicalId}");
        return new FunctionDefinition(
            logicalId,
            resolver.PhysicalName(logicalId),
            properties.OptionalString(merged, "Runtime", path),
            properties.OptionalString(merged, "Handler", path),
            properties.OptionalString(merged, "CodeUri", path),
            properties.OptionalInt(merged, "Timeout", path) ?? SamDefaults.Timeout,
            properties.OptionalInt(merged, "MemorySize", path) ?? SamDefaults.MemorySize,
            architectures.Count > 0 ? architectures : [SamDefaults.Architecture],
            properties.StringMap(environment, "Variables", $"{path}.Environment"),
            properties.OptionalString(merged, "Tracing", path),
            ReadLogging(properties.Mapping(merged, "LoggingConfig", path), $"{path}.LoggingConfig"),
            events.ReadApiEvents(merged, path),
            events.ReadSqsEvents(logicalId, merged, path),
            properties.OptionalString(metadata, "BuildMethod", $"Resources.{logicalId}.Metadata"),
            properties.OptionalInt(merged, "ReservedConcurrentExecutions", path));
    }

    private FunctionLoggingConfig? ReadLogging(YamlMappingNode? logging, string path)
    {
        LoggingProperties.Check(logging, path);
        return logging is null
            ? null
            : new FunctionLoggingConfig(
                properties.OptionalString(logging, "LogFormat", path),
                properties.OptionalString(logging, "ApplicationLogLevel", path),
                properties.OptionalString(logging, "SystemLogLevel", path));
    }
}

/// <summary>
/// An <c>AWS::Serverless::Function</c> with <c>Globals.Function</c> merged in and SAM's defaults applied.
/// <c>Timeout</c> is in seconds, <c>MemorySize</c> in MB; <c>BuildMethod</c> comes from the resource's
/// <c>Metadata</c> (for example <c>makefile</c>). <c>Name</c> is the function's name in the account: its
/// <c>FunctionName</c>, else the one CloudFormation generates; <c>ReservedConcurrentExecutions</c> is null when the
/// function shares the account's unreserved concurrency.
/// </summary>
internal sealed record FunctionDefinition(
    string LogicalId,
    string Name,
    string? Runtime,
    string? Handler,
    string? CodeUri,
    int Timeout,
    int MemorySize,
    IReadOnlyList<string> Architectures,
    IReadOnlyDictionary<string, string> Environment,
    string? Tracing,
    FunctionLoggingConfig? LoggingConfig,
    IReadOnlyList<ApiEventSource> ApiEvents,
    IReadOnlyList<SqsEventSourceMappingSettings> SqsEvents,
    string? BuildMethod,
    int? ReservedConcurrentExecutions = null);

/// <summary>A function's <c>LoggingConfig</c>: <c>LogFormat</c> is <c>JSON</c> or <c>Text</c>.</summary>
internal sealed record FunctionLoggingConfig(string? LogFormat, string? ApplicationLogLevel, string? SystemLogLevel)
{
    /// <summary>Lambda's log format when a function has no <c>LoggingConfig</c> or names none.</summary>
    public const string DefaultLogFormat = "Text";

    /// <summary><paramref name="function"/> run with the format and level this configuration (or its absence) gives.</summary>
    public static LocalFunction Apply(FunctionLoggingConfig? logging, LocalFunction function) => function with
    {
        LogFormat = logging?.LogFormat ?? DefaultLogFormat,
        ApplicationLogLevel = logging?.ApplicationLogLevel,
    };
}
