using System.Text.Json.Nodes;
using OrderPipeline.TestHelpers.Functions;

namespace OrderPipeline.Deployment.Tests;

/// <summary>template.yaml as CloudFormation reads it (long-form intrinsics), with lookups the tests share.</summary>
internal sealed class SamTemplate
{
    public const string FunctionType = "AWS::Serverless::Function";

    private SamTemplate(JsonObject root)
    {
        Root = root;
    }

    public static string FilePath => Path.Combine(RepositoryRoot.Find(), "template.yaml");

    public JsonObject Root { get; }

    public JsonObject Resources => Object(Root, "Resources");

    public JsonObject GlobalsFunction => Object(Object(Root, "Globals"), "Function");

    public IReadOnlyList<string> FunctionLogicalIds =>
        [.. Resources.Where(r => (string?)r.Value?["Type"] == FunctionType).Select(r => r.Key)];

    public static SamTemplate Load() => Parse(File.ReadAllText(FilePath));

    public static SamTemplate Parse(string yaml) =>
        new(CloudFormationYaml.ToJson(yaml) as JsonObject ?? throw new InvalidDataException("The template is not a mapping."));

    public JsonObject Resource(string logicalId) => Object(Resources, logicalId);

    public JsonObject Properties(string logicalId) => Object(Resource(logicalId), "Properties");

    /// <summary>A function property as SAM applies it: the function's own value, else the one in Globals.Function.</summary>
    public JsonNode? EffectiveFunctionProperty(string logicalId, string name) =>
        Properties(logicalId)[name] ?? GlobalsFunction[name];

    /// <summary>The node at a path of object keys, failing with the path when a step is missing.</summary>
    public static JsonObject Object(JsonNode parent, params string[] path)
    {
        var node = parent;
        foreach (var key in path)
        {
            node = node[key] ?? throw new KeyNotFoundException($"No '{key}' under {node.GetPath()}.");
        }

        return node as JsonObject ?? throw new InvalidDataException($"{node.GetPath()} is not an object.");
    }
}
