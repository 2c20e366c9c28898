using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OrderPipeline.Local.Stack.Template;

/// <summary>The sections of a parsed template, and the type of each resource that intrinsics may name.</summary>
internal sealed class TemplateDocument
{
    public const string ImplicitApiLogicalId = "ServerlessRestApi";
    public const string FunctionType = "AWS::Serverless::Function";
    public const string ApiType = "AWS::Serverless::Api";
    public const string QueueType = "AWS::SQS::Queue";
    public const string TableType = "AWS::DynamoDB::Table";

    private readonly Dictionary<string, string> _resourceTypes = new(StringComparer.Ordinal);

    private TemplateDocument(YamlMappingNode root)
    {
        Parameters = YamlNodes.ChildMapping(root, "Parameters", "Template");
        Conditions = YamlNodes.ChildMapping(root, "Conditions", "Template");
        Mappings = YamlNodes.ChildMapping(root, "Mappings", "Template");
        Globals = YamlNodes.ChildMapping(root, "Globals", "Template");
        Resources = YamlNodes.ChildMapping(root, "Resources", "Template")
            ?? throw new TemplateException("Template: the Resources section is missing.");
        foreach (var (logicalId, resource) in YamlNodes.Entries(Resources))
        {
            var type = resource is YamlMappingNode mapping ? YamlNodes.Child(mapping, "Type") as YamlScalarNode : null;
            _resourceTypes[logicalId] = type?.Value
                ?? throw new TemplateException($"Resources.{logicalId}: the resource has no Type.");
        }

        if (!_resourceTypes.ContainsKey(ImplicitApiLogicalId) && HasApiEventWithoutRestApiId())
        {
            _resourceTypes[ImplicitApiLogicalId] = ApiType;
        }
    }

    public YamlMappingNode? Parameters { get; }

    public YamlMappingNode? Conditions { get; }

    public YamlMappingNode? Mappings { get; }

    public YamlMappingNode? Globals { get; }

    public YamlMappingNode Resources { get; }

    /// <summary>True when SAM would create the implicit <c>ServerlessRestApi</c> for an Api event.</summary>
    public bool HasImplicitApi => _resourceTypes.GetValueOrDefault(ImplicitApiLogicalId) == ApiType
        && YamlNodes.Child(Resources, ImplicitApiLogicalId) is null;

    public static TemplateDocument Parse(TextReader reader)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(reader);
        }
        catch (YamlException exception)
        {
            throw new TemplateException($"Template: not valid YAML ({exception.Message}).", exception);
        }

        return stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode root
            ? new TemplateDocument(root)
            : throw new TemplateException("Template: expected one YAML document holding a mapping.");
    }

    public string? ResourceType(string logicalId) => _resourceTypes.GetValueOrDefault(logicalId);

    public IEnumerable<(string LogicalId, YamlMappingNode Resource)> ResourcesOfType(string type)
    {
        foreach (var (logicalId, resource) in YamlNodes.Entries(Resources))
        {
            if (_resourceTypes[logicalId] == type)
            {
                yield return (logicalId, (YamlMappingNode)resource);
            }
        }
    }

    private bool HasApiEventWithoutRestApiId()
    {
        foreach (var (logicalId, function) in ResourcesOfType(FunctionType))
        {
            var properties = YamlNodes.ChildMapping(function, "Properties", logicalId);
            foreach (var (name, node) in YamlNodes.Entries(YamlNodes.ChildMapping(properties, "Events", logicalId)))
            {
                var source = node as YamlMappingNode;
                if ((YamlNodes.Child(source, "Type") as YamlScalarNode)?.Value == "Api"
                    && YamlNodes.Child(YamlNodes.ChildMapping(source, "Properties", name), "RestApiId") is null)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
