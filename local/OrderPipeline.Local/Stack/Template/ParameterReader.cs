using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace OrderPipeline.Local.Stack.Template;

/// <summary>Reads <c>Parameters</c>: each value is the override when given, else the default, and must be allowed.</summary>
internal static class ParameterReader
{
    public const string NumberType = "Number";

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

            if (value is not null && type == NumberType)
            {
                CheckNumber(name, value, Scalar(definition, "MinValue", path), Scalar(definition, "MaxValue", path));
            }

            parameters.Add(new TemplateParameter(name, type, defaultValue, allowed, value));
        }

        return parameters;
    }

    /// <summary>
    /// A <c>Number</c> parameter's value must be a number within <c>MinValue</c> and <c>MaxValue</c>, or CloudFormation
    /// refuses the stack, in these words (a value given with <c>--parameter-overrides</c> included).
    /// </summary>
    private static void CheckNumber(string name, string value, string? minValue, string? maxValue)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            throw new TemplateException($"Parameter '{name}' must be a number.");
        }

        if (minValue is not null && number < double.Parse(minValue, CultureInfo.InvariantCulture))
        {
            throw new TemplateException($"Parameter '{name}' must be a number not less than {minValue}");
        }

        if (maxValue is not null && number > double.Parse(maxValue, CultureInfo.InvariantCulture))
        {
            throw new TemplateException($"Parameter '{name}' must be a number not greater than {maxValue}");
        }
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
