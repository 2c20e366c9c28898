using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace OrderPipeline.Local.Stack.Template;

/// <summary>Typed reads of resource properties, resolving intrinsics; errors name the resource and property.</summary>
internal sealed class PropertyReader(IntrinsicResolver resolver)
{
    public string? OptionalString(YamlMappingNode? properties, string key, string path) =>
        Resolve(properties, key, path) is { } node ? IntrinsicResolver.AsString(node, $"{path}.{key}") : null;

    public string RequiredString(YamlMappingNode? properties, string key, string path) =>
        OptionalString(properties, key, path) ?? throw new TemplateException($"{path}.{key} is required.");

    public int? OptionalInt(YamlMappingNode? properties, string key, string path)
    {
        var text = OptionalString(properties, key, path);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new TemplateException($"{path}.{key}: '{text}' is not a whole number.");
    }

    public bool? OptionalBool(YamlMappingNode? properties, string key, string path) =>
        OptionalString(properties, key, path) switch
        {
            null => null,
            var text when bool.TryParse(text, out var value) => value,
            var text => throw new TemplateException($"{path}.{key}: '{text}' is not true or false."),
        };

    public IReadOnlyList<string> StringList(YamlMappingNode? properties, string key, string path) =>
        Resolve(properties, key, path) switch
        {
            null => [],
            YamlSequenceNode list => list.Children
                .Select((item, index) => IntrinsicResolver.AsString(item, $"{path}.{key}[{index}]")).ToArray(),
            _ => throw new TemplateException($"{path}.{key} must be a list."),
        };

    public IReadOnlyDictionary<string, string> StringMap(YamlMappingNode? properties, string key, string path) =>
        Resolve(properties, key, path) switch
        {
            null => new Dictionary<string, string>(StringComparer.Ordinal),
            YamlMappingNode map => YamlNodes.Entries(map).ToDictionary(
                entry => entry.Key, entry => IntrinsicResolver.AsString(entry.Value, $"{path}.{key}.{entry.Key}"),
                StringComparer.Ordinal),
            _ => throw new TemplateException($"{path}.{key} must be a mapping."),
        };

    /// <summary>A nested mapping, resolved only when it is itself an intrinsic (its own values are read lazily).</summary>
    public YamlMappingNode? Mapping(YamlMappingNode? properties, string key, string path)
    {
        var node = YamlNodes.Child(properties, key);
        if (node is not null && IntrinsicFunction.IsIntrinsic(node))
        {
            node = resolver.Resolve(node, $"{path}.{key}");
        }

        return node switch
        {
            null => null,
            YamlMappingNode mapping => mapping,
            _ => throw new TemplateException($"{path}.{key} must be a mapping."),
        };
    }

    /// <summary>The list under <paramref name="key"/>, intrinsics resolved; null when absent or not a list.</summary>
    public YamlSequenceNode? Sequence(YamlMappingNode? properties, string key, string path) =>
        Resolve(properties, key, path) as YamlSequenceNode;

    private YamlNode? Resolve(YamlMappingNode? properties, string key, string path) =>
        YamlNodes.Child(properties, key) is { } node ? resolver.Resolve(node, $"{path}.{key}") : null;
}
