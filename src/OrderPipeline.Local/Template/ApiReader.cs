using YamlDotNet.RepresentationModel;

namespace OrderPipeline.Local.Template;

/// <summary>Reads an <c>AWS::Serverless::Api</c> with <c>Globals.Api</c> merged in.</summary>
internal sealed class ApiReader(TemplateDocument document, PropertyReader properties, IntrinsicResolver resolver)
{
    public ApiDefinition Read(string logicalId, YamlMappingNode resource)
    {
        var path = $"Resources.{logicalId}";
        var globals = YamlNodes.ChildMapping(document.Globals, "Api", "Globals");
        var merged = GlobalsMerger.Merge(globals, YamlNodes.ChildMapping(resource, "Properties", path));
        path += ".Properties";
        return new ApiDefinition(
            logicalId,
            Id(logicalId, path),
            properties.RequiredString(merged, "StageName", path),
            properties.OptionalBool(merged, "TracingEnabled", path) ?? false);
    }

    /// <summary>SAM's implicit API for Api events that name no <c>RestApiId</c>: stage <c>Prod</c>, Globals.Api applied.</summary>
    public ApiDefinition ReadImplicit()
    {
        var logicalId = TemplateDocument.ImplicitApiLogicalId;
        var path = $"Globals.Api ({logicalId})";
        var globals = GlobalsMerger.Merge(YamlNodes.ChildMapping(document.Globals, "Api", "Globals"), null);
        return new ApiDefinition(
            logicalId,
            Id(logicalId, path),
            properties.OptionalString(globals, "StageName", path) ?? SamDefaults.ImplicitApiStageName,
            properties.OptionalBool(globals, "TracingEnabled", path) ?? false);
    }

    private string Id(string logicalId, string path) => IntrinsicResolver.AsString(resolver.Ref(logicalId, path), path);
}
