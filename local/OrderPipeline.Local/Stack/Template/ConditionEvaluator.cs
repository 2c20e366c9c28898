using YamlDotNet.RepresentationModel;

namespace OrderPipeline.Local.Stack.Template;

/// <summary>
/// Evaluates the template's <c>Conditions</c> for <c>Fn::If</c>: <c>Fn::Equals</c>, <c>Fn::And</c>, <c>Fn::Or</c>,
/// <c>Fn::Not</c> and <c>Condition</c>, in short or long form.
/// </summary>
internal sealed class ConditionEvaluator(TemplateDocument document, IntrinsicResolver resolver)
{
    public bool Evaluate(string conditionName, string path) => Evaluate(conditionName, path, []);

    private bool Evaluate(string conditionName, string path, HashSet<string> evaluating)
    {
        var definition = YamlNodes.Child(document.Conditions, conditionName)
            ?? throw new TemplateException($"{path}: Conditions has no {conditionName}.");
        if (!evaluating.Add(conditionName))
        {
            throw new TemplateException($"Conditions.{conditionName}: the condition refers to itself.");
        }

        var result = EvaluateNode(definition, $"Conditions.{conditionName}", evaluating);
        evaluating.Remove(conditionName);
        return result;
    }

    private bool EvaluateNode(YamlNode node, string path, HashSet<string> evaluating)
    {
        if (!TryMatchCondition(node, out var name, out var argument))
        {
            throw new TemplateException($"{path}: expected a condition function.");
        }

        var at = $"{path} ({name})";
        switch (name)
        {
            case IntrinsicFunction.Condition:
                return Evaluate(IntrinsicResolver.AsString(argument, at), at, evaluating);
            case "Fn::Equals":
                var pair = IntrinsicResolver.Items(argument, 2, name, at);
                return resolver.ResolveString(pair[0], at) == resolver.ResolveString(pair[1], at);
            case "Fn::Not":
                return !EvaluateNode(IntrinsicResolver.Items(argument, 1, name, at)[0], at, evaluating);
            case "Fn::And":
                return Operands(argument, at).All(operand => EvaluateNode(operand, at, evaluating));
            case "Fn::Or":
                return Operands(argument, at).Any(operand => EvaluateNode(operand, at, evaluating));
            default:
                throw new TemplateException($"{at}: {name} is not a condition function.");
        }
    }

    private static YamlNode[] Operands(YamlNode argument, string path) =>
        argument is YamlSequenceNode { Children.Count: >= 2 } sequence
            ? sequence.Children.ToArray()
            : throw new TemplateException($"{path}: takes a list of at least two conditions.");

    private static bool TryMatchCondition(YamlNode node, out string name, out YamlNode argument)
    {
        if (node is YamlMappingNode { Children.Count: 1 } mapping
            && mapping.Children.First().Key is YamlScalarNode { Value: IntrinsicFunction.Condition })
        {
            name = IntrinsicFunction.Condition;
            argument = mapping.Children.First().Value;
            return true;
        }

        return IntrinsicFunction.TryMatch(node, out name, out argument);
    }
}
