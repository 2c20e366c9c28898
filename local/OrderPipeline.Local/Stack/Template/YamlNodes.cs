using YamlDotNet.RepresentationModel;

namespace OrderPipeline.Local.Stack.Template;

/// <summary>Small lookups over YamlDotNet's representation model.</summary>
internal static class YamlNodes
{
    public static YamlNode? Child(YamlMappingNode? mapping, string key)
    {
        if (mapping is null)
        {
            return null;
        }

        foreach (var (name, value) in mapping.Children)
        {
            if (name is YamlScalarNode scalar && scalar.Value == key)
            {
                return value;
            }
        }

        return null;
    }

    public static YamlMappingNode? ChildMapping(YamlMappingNode? mapping, string key, string path) =>
        Child(mapping, key) switch
        {
            null => null,
            YamlMappingNode child => child,
            _ => throw new TemplateException($"{path}.{key} must be a mapping."),
        };

    public static IEnumerable<(string Key, YamlNode Value)> Entries(YamlMappingNode? mapping)
    {
        if (mapping is null)
        {
            yield break;
        }

        foreach (var (name, value) in mapping.Children)
        {
            yield return (((YamlScalarNode)name).Value ?? string.Empty, value);
        }
    }
}
