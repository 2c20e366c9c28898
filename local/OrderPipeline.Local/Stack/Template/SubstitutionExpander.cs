using System.Text;
using YamlDotNet.RepresentationModel;

namespace OrderPipeline.Local.Stack.Template;

/// <summary>
/// Expands <c>Fn::Sub</c>: <c>${Name}</c> is a Ref, <c>${LogicalId.Attribute}</c> a GetAtt, a name from the
/// variables map its value, and <c>${!Literal}</c> the text <c>${Literal}</c>.
/// </summary>
internal sealed class SubstitutionExpander(IntrinsicResolver resolver)
{
    public string Expand(YamlNode argument, string path)
    {
        if (argument is YamlScalarNode scalar)
        {
            return Expand(scalar.Value ?? string.Empty, null, path);
        }

        var items = IntrinsicResolver.Items(argument, 2, "Fn::Sub", path);
        var variables = items[1] as YamlMappingNode
            ?? throw new TemplateException($"{path}: the second item of Fn::Sub must be a mapping of variables.");
        return Expand(IntrinsicResolver.AsString(items[0], path), variables, path);
    }

    private string Expand(string template, YamlMappingNode? variables, string path)
    {
        var result = new StringBuilder(template.Length);
        var position = 0;
        while (position < template.Length)
        {
            var start = template.IndexOf("${", position, StringComparison.Ordinal);
            if (start < 0)
            {
                break;
            }

            var end = template.IndexOf('}', start + 2);
            if (end < 0)
            {
                throw new TemplateException($"{path}: '${{' at {start} has no closing '}}'.");
            }

            result.Append(template, position, start - position);
            var name = template[(start + 2)..end];
            result.Append(name.StartsWith('!') ? "${" + name[1..] + "}" : Variable(name.Trim(), variables, path));
            position = end + 1;
        }

        return result.Append(template, position, template.Length - position).ToString();
    }

    private string Variable(string name, YamlMappingNode? variables, string path)
    {
        var at = $"{path} ${{{name}}}";
        if (YamlNodes.Child(variables, name) is { } value)
        {
            return resolver.ResolveString(value, at);
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var resolved = dot > 0 && !name.StartsWith("AWS::", StringComparison.Ordinal)
            ? resolver.GetAtt(name[..dot], name[(dot + 1)..], at)
            : resolver.Ref(name, at);
        return IntrinsicResolver.AsString(resolved, at);
    }
}
