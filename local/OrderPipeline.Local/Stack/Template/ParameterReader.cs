using YamlDotNet.RepresentationModel;

namespace OrderPipeline.Local.Stack.Template;

/// <summary>Reads <c>Parameters</c>: each value is the override when given, else the default, and must be allowed.</summary>
internal static class ParameterReader
{
    public static IReadOnlyList<TemplateParameter> Read(TemplateDocument document, LocalAccount resources)
    {
        var parameters = new List<TemplateParameter>();
        foreach (var (name, node) in YamlNodes.Entries(document.Parameters))
        {
            var path = $"Parameters.{name}";
            var definition = node as YamlMappingNode ?? throw new TemplateException($"{path} must be a mapping.");
            var type = Scalar(definition, "Type", path) ?? throw new TemplateException($"{path}.Type is required.");
            var defaultValue = Scalar(definition, "Default", path);
            var allowed = YamlNodes.Child(definition, "AllowedValues") switch
            {
                null => [],
                YamlSequenceNode list => list.Children.Select(item => Scalar(item, $"{path}.AllowedValues")).ToArray(),
                _ => throw new TemplateException($"{path}.AllowedValues must be a list."),
            };
            var value = resources.ParameterOverride(name) ?? defaultValue;
            if (value is not null && allowed.Length > 0 && !allowed.Contains(value, StringComparer.Ordinal))
            {
                throw new TemplateException(
                    $"{path}: '{value}' is not one of the allowed values ({string.Join(", ", allowed)}).");
            }

            parameters.Add(new TemplateParameter(name, type, defaultValue, allowed, value));
        }

        return parameters;
    }

    private static string? Scalar(YamlMappingNode definition, string key, string path) =>
        YamlNodes.Child(definition, key) is { } node ? Scalar(node, $"{path}.{key}") : null;

    private static string Scalar(YamlNode node, string path) =>
        node is YamlScalarNode { Value: { } value } && !IntrinsicFunction.IsIntrinsic(node)
            ? value
            : throw new TemplateException($"{path} must be a plain value.");
}

/// <summary>A template parameter; <see cref="Value"/> is the override when one was given, else the default.</summary>
internal sealed record TemplateParameter(
    string Name,
    string Type,
    string? Default,
    IReadOnlyList<string> AllowedValues,
    string? Value);
