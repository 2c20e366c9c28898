using YamlDotNet.RepresentationModel;

namespace OrderPipeline.Local.Stack.Template;

/// <summary>
/// Recognises an intrinsic function in either form: the short YAML tag (<c>!Ref X</c>, <c>!GetAtt A.B</c>,
/// <c>!Sub …</c>) or the long form, a mapping of one key (<c>Ref: X</c>, <c>Fn::Join: […]</c>).
/// </summary>
internal static class IntrinsicFunction
{
    public const string Ref = "Ref";
    public const string Condition = "Condition";
    private const string LongPrefix = "Fn::";

    /// <summary>Never throws; <paramref name="name"/> is the long name (<c>Ref</c>, <c>Condition</c>, <c>Fn::Sub</c>).</summary>
    public static bool TryMatch(YamlNode node, out string name, out YamlNode argument)
    {
        var tag = node.Tag.IsEmpty ? null : node.Tag.Value;
        if (tag is not null && tag.Length > 1 && tag[0] == '!' && tag[1] != '!')
        {
            var shortName = tag[1..];
            name = shortName is Ref or Condition ? shortName : LongPrefix + shortName;
            argument = node;
            return true;
        }

        if (node is YamlMappingNode { Children.Count: 1 } mapping
            && mapping.Children.First() is var (key, value)
            && key is YamlScalarNode { Value: { } keyName }
            && (keyName == Ref || keyName.StartsWith(LongPrefix, StringComparison.Ordinal)))
        {
            name = keyName;
            argument = value;
            return true;
        }

        name = string.Empty;
        argument = node;
        return false;
    }

    public static bool IsIntrinsic(YamlNode node) => TryMatch(node, out _, out _);
}
