using OrderPipeline.Local.Lambda;
using OrderPipeline.Local.Lambda.EventSourceMapping;
using YamlDotNet.RepresentationModel;

namespace OrderPipeline.Local.Stack.Template;

/// <summary>Reads an <c>AWS::Serverless::Function</c> with <c>Globals.Function</c> merged in as SAM merges it.</summary>
internal sealed class FunctionReader(TemplateDocument document, PropertyReader properties, EventReader events)
{
    public FunctionDefinition Read(string logicalId, YamlMappingNode resource)
    {
        var path = $"Resources.{logicalId}";
        var globals = YamlNodes.ChildMapping(document.Globals, "Function", "Globals");
        var own = YamlNodes.ChildMapping(resource, "Properties", path);
        var merged = GlobalsMerger.Merge(globals, own);
        path += ".Properties";
        var architectures = properties.StringList(merged, "Architectures", path);
        var environment = properties.Mapping(merged, "Environment", path);
        var metadata = YamlNodes.ChildMapping(resource, "Metadata", $"Resources.{logicalId}");
        return new FunctionDefinition(
            logicalId,
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

    private FunctionLoggingConfig? ReadLogging(YamlMappingNode? logging, string path) =>
        logging is null
            ? null
            : new FunctionLoggingConfig(
                properties.OptionalString(logging, "LogFormat", path),
                properties.OptionalString(logging, "ApplicationLogLevel", path),
                properties.OptionalString(logging, "SystemLogLevel", path));
}

/// <summary>
/// An <c>AWS::Serverless::Function</c> with <c>Globals.Function</c> merged in and SAM's defaults applied.
/// <c>Timeout</c> is in seconds, <c>MemorySize</c> in MB; <c>BuildMethod</c> comes from the resource's
/// <c>Metadata</c> (for example <c>makefile</c>); <c>ReservedConcurrentExecutions</c> is null when the function shares
/// the account's unreserved concurrency.
/// </summary>
internal sealed record FunctionDefinition(
    string LogicalId,
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
