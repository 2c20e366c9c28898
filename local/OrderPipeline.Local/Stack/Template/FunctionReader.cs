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
            properties.OptionalString(metadata, "BuildMethod", $"Resources.{logicalId}.Metadata"));
    }

    private FunctionLoggingConfig? ReadLogging(YamlMappingNode? logging, string path) =>
        logging is null
            ? null
            : new FunctionLoggingConfig(
                properties.OptionalString(logging, "LogFormat", path),
                properties.OptionalString(logging, "ApplicationLogLevel", path),
                properties.OptionalString(logging, "SystemLogLevel", path));
}
