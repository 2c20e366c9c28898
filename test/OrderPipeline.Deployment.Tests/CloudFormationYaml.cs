using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OrderPipeline.Deployment.Tests;

/// <summary>
/// Reads a CloudFormation YAML template as the JSON CloudFormation would see: short-form tags become their long forms
/// (<c>!Ref a</c> → <c>{"Ref":"a"}</c>, <c>!GetAtt a.b</c> → <c>{"Fn::GetAtt":["a","b"]}</c>, <c>!Sub s</c> →
/// <c>{"Fn::Sub":"s"}</c>) and plain scalars take YAML 1.2 core types (bool, null, integer, float, else string).
/// </summary>
internal static partial class CloudFormationYaml
{
    private static readonly HashSet<string> Functions =
    [
        "And", "Base64", "Cidr", "Equals", "FindInMap", "ForEach", "GetAtt", "GetAZs", "If", "ImportValue", "Join",
        "Length", "Not", "Or", "Select", "Split", "Sub", "ToJsonString", "Transform",
    ];

    public static JsonNode? ToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 1
            ? Convert(stream.Documents[0].RootNode)
            : throw new InvalidDataException($"Expected one YAML document, found {stream.Documents.Count}.");
    }

    private static JsonNode? Convert(YamlNode node) =>
        node.Tag.IsEmpty || node.Tag.IsNonSpecific ? ConvertUntagged(node) : ConvertTagged(node.Tag.Value, node);

    private static JsonNode? ConvertUntagged(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ConvertMapping(mapping),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(Convert)]),
        YamlScalarNode { Style: ScalarStyle.Plain } scalar => ConvertPlainScalar(scalar.Value ?? string.Empty),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? string.Empty),
        _ => throw new InvalidDataException($"Unsupported YAML node at {node.Start}."),
    };

    private static JsonObject ConvertMapping(YamlMappingNode mapping)
    {
        var json = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            var name = key is YamlScalarNode { Value: { } scalar }
                ? scalar
                : throw new InvalidDataException($"Mapping keys must be scalars ({key.Start}).");
            json.Add(name, Convert(value));
        }

        return json;
    }

    private static JsonObject ConvertTagged(string tag, YamlNode node)
    {
        var name = tag.StartsWith('!') ? tag[1..] : tag;
        var value = node is YamlScalarNode scalar ? JsonValue.Create(scalar.Value ?? string.Empty) : ConvertUntagged(node);
        return name switch
        {
            "Ref" or "Condition" => new JsonObject { [name] = value },
            "GetAtt" when node is YamlScalarNode { Value: { } attribute } => new JsonObject
            {
                ["Fn::GetAtt"] = SplitGetAtt(attribute, node),
            },
            _ when Functions.Contains(name) => new JsonObject { ["Fn::" + name] = value },
            _ => throw new InvalidDataException($"Unknown tag {tag} at {node.Start}."),
        };
    }

    private static JsonArray SplitGetAtt(string attribute, YamlNode node)
    {
        var dot = attribute.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && dot < attribute.Length - 1
            ? new JsonArray(attribute[..dot], attribute[(dot + 1)..])
            : throw new InvalidDataException($"!GetAtt needs Resource.Attribute, not '{attribute}' ({node.Start}).");
    }

    private static JsonNode? ConvertPlainScalar(string value)
    {
        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return JsonValue.Create(value.Equals("true", StringComparison.OrdinalIgnoreCase));
        }

        // Numbers become JSON number text (YAML allows "+5" and ".5"), so readers may convert them to any numeric type.
        if (IntegerPattern().IsMatch(value) && long.TryParse(value, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonNode.Parse(integer.ToString(CultureInfo.InvariantCulture));
        }

        if (FloatPattern().IsMatch(value)
            && decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonNode.Parse(number.ToString(CultureInfo.InvariantCulture));
        }

        return JsonValue.Create(value);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
