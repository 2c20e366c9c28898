using System.Globalization;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace OrderPipeline.Local.Stack.Template;

/// <summary>
/// Resolves intrinsic functions to plain YAML (scalars and sequences) against the local resources.
/// A null result is <c>AWS::NoValue</c>: the property is absent. Errors name the template path at fault.
/// </summary>
internal sealed class IntrinsicResolver
{
    public const string NoValue = "AWS::NoValue";

    /// <summary>The id part of what <c>AWS::StackId</c> gives: one local stack, one fixed id.</summary>
    public const string LocalStackIdSuffix = "00000000-0000-4000-8000-000000000000";

    private static readonly string[] ZoneSuffixes = ["a", "b", "c"];

    private readonly TemplateDocument _document;
    private readonly IReadOnlyDictionary<string, TemplateParameter> _parameters;
    private readonly LocalAccount _resources;
    private readonly ConditionEvaluator _conditions;
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string> _naming = new(StringComparer.Ordinal);

    public IntrinsicResolver(
        TemplateDocument document, IReadOnlyDictionary<string, TemplateParameter> parameters, LocalAccount resources)
    {
        _document = document;
        _parameters = parameters;
        _resources = resources;
        _conditions = new ConditionEvaluator(document, this);
    }

    public YamlNode? Resolve(YamlNode node, string path)
    {
        if (IntrinsicFunction.TryMatch(node, out var name, out var argument))
        {
            return Evaluate(name, node, argument, path);
        }

        return ResolveChildren(node, path);
    }

    public string ResolveString(YamlNode node, string path) => AsString(Resolve(node, path), path);

    public static string AsString(YamlNode? node, string path) => node switch
    {
        YamlScalarNode scalar => scalar.Value ?? string.Empty,
        null => throw new TemplateException($"{path}: resolves to {NoValue} where a value is required."),
        _ => throw new TemplateException($"{path}: expected a single value, found a {Describe(node)}."),
    };

    public static IReadOnlyList<YamlNode> Items(YamlNode argument, int count, string function, string path) =>
        argument is YamlSequenceNode sequence && sequence.Children.Count == count
            ? sequence.Children.ToArray()
            : throw new TemplateException($"{path}: {function} takes a list of {count} items.");

    private YamlNode? Evaluate(string name, YamlNode node, YamlNode argument, string path)
    {
        var at = $"{path} ({name})";
        return name switch
        {
            IntrinsicFunction.Ref => Ref(ScalarArgument(argument, at), at),
            "Fn::GetAtt" => GetAtt(argument, at),
            "Fn::Sub" => new YamlScalarNode(new SubstitutionExpander(this).Expand(argument, at)),
            "Fn::Join" => new YamlScalarNode(Join(argument, at)),
            "Fn::Select" => Select(argument, at),
            "Fn::Split" => Split(argument, at),
            "Fn::If" => If(argument, at),
            "Fn::FindInMap" => FindInMap(argument, at),
            "Fn::Base64" => new YamlScalarNode(
                Convert.ToBase64String(Encoding.UTF8.GetBytes(AsString(ResolveArgument(node, argument, at), at)))),
            "Fn::GetAZs" => AvailabilityZones(),
            _ => throw new TemplateException($"{at}: the local stack cannot resolve {name}."),
        };
    }

    public YamlNode? Ref(string name, string path)
    {
        switch (name)
        {
            case NoValue: return null;
            case "AWS::Region": return new YamlScalarNode(_resources.Region);
            case "AWS::AccountId": return new YamlScalarNode(LocalAccount.Id);
            case "AWS::URLSuffix": return new YamlScalarNode(LocalAccount.UrlSuffix);
            case "AWS::StackName": return new YamlScalarNode(_resources.StackName);
            case "AWS::Partition": return new YamlScalarNode("aws");
            case "AWS::StackId": return new YamlScalarNode(
                $"arn:aws:cloudformation:{_resources.Region}:{LocalAccount.Id}:stack/{_resources.StackName}/{LocalStackIdSuffix}");
        }

        if (_parameters.TryGetValue(name, out var parameter))
        {
            var value = parameter.Value
                ?? throw new TemplateException($"{path}: parameter {name} has no default and no value was given.");
            return parameter.Type.StartsWith("List<", StringComparison.Ordinal) || parameter.Type == "CommaDelimitedList"
                ? new YamlSequenceNode(value.Split(',').Select(item => new YamlScalarNode(item.Trim())))
                : new YamlScalarNode(value);
        }

        return _document.ResourceType(name) switch
        {
            TemplateDocument.QueueType => new YamlScalarNode(_resources.QueueUrl(PhysicalName(name))),
            TemplateDocument.TableType or TemplateDocument.FunctionType => new YamlScalarNode(PhysicalName(name)),
            TemplateDocument.ApiType => new YamlScalarNode(_resources.RestApiId(name)),
            null => throw new TemplateException($"{path}: {name} is no parameter, pseudo parameter or resource."),
            var type => throw new TemplateException($"{path}: the local stack has no value for Ref of {name} ({type})."),
        };
    }

    /// <summary>
    /// A queue's, table's, function's or REST API's name in the account: the template's own name property
    /// (<c>QueueName</c>, <c>TableName</c>, <c>FunctionName</c>, an API's <c>Name</c>), else the name CloudFormation
    /// generates (<see cref="LocalAccount.GeneratedName"/>); SAM titles a REST API without a <c>Name</c> (its own or
    /// <c>Globals.Api</c>'s) with the stack name.
    /// </summary>
    public string PhysicalName(string logicalId)
    {
        if (_names.TryGetValue(logicalId, out var name))
        {
            return name;
        }

        var type = _document.ResourceType(logicalId);
        var (property, maxLength) = type switch
        {
            TemplateDocument.QueueType => ("QueueName", LocalAccount.QueueNameMaxLength),
            TemplateDocument.TableType => ("TableName", LocalAccount.TableNameMaxLength),
            TemplateDocument.FunctionType => ("FunctionName", LocalAccount.FunctionNameMaxLength),
            TemplateDocument.ApiType => ("Name", 0),
            _ => throw new TemplateException($"Resources.{logicalId}: the local stack names no {type ?? "such"} resource."),
        };
        var path = $"Resources.{logicalId}.Properties.{property}";
        if (!_naming.Add(logicalId))
        {
            throw new TemplateException($"{path}: the name depends on itself.");
        }

        try
        {
            var properties = YamlNodes.ChildMapping(
                YamlNodes.Child(_document.Resources, logicalId) as YamlMappingNode, "Properties", $"Resources.{logicalId}");
            var node = YamlNodes.Child(properties, property) ?? (type == TemplateDocument.ApiType
                ? YamlNodes.Child(YamlNodes.ChildMapping(_document.Globals, "Api", "Globals"), property)
                : null);
            var given = node is null ? null : Resolve(node, path);
            name = given is not null ? AsString(given, path)
                : type == TemplateDocument.ApiType ? _resources.StackName
                : _resources.GeneratedName(logicalId, maxLength);
        }
        finally
        {
            _naming.Remove(logicalId);
        }

        _names[logicalId] = name;
        return name;
    }

    public YamlNode GetAtt(string logicalId, string attribute, string path) =>
        (_document.ResourceType(logicalId), attribute) switch
        {
            (TemplateDocument.QueueType, "Arn") => new YamlScalarNode(_resources.QueueArn(PhysicalName(logicalId))),
            (TemplateDocument.QueueType, "QueueName") => new YamlScalarNode(PhysicalName(logicalId)),
            (TemplateDocument.QueueType, "QueueUrl") => new YamlScalarNode(_resources.QueueUrl(PhysicalName(logicalId))),
            (TemplateDocument.TableType, "Arn") => new YamlScalarNode(_resources.TableArn(PhysicalName(logicalId))),
            (TemplateDocument.FunctionType, "Arn") => new YamlScalarNode(
                LocalAccount.FunctionArn(_resources.Region, PhysicalName(logicalId))),
            (null, _) => throw new TemplateException($"{path}: {logicalId} is no resource of the template."),
            var (type, _) => throw new TemplateException(
                $"{path}: the local stack has no value for {logicalId}.{attribute} ({type})."),
        };

    private YamlNode GetAtt(YamlNode argument, string path)
    {
        if (argument is YamlSequenceNode)
        {
            var items = Items(argument, 2, "Fn::GetAtt", path);
            return GetAtt(ResolveString(items[0], path), ResolveString(items[1], path), path);
        }

        var text = ScalarArgument(argument, path);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot > 0
            ? GetAtt(text[..dot], text[(dot + 1)..], path)
            : throw new TemplateException($"{path}: expected LogicalId.Attribute, found '{text}'.");
    }

    private string Join(YamlNode argument, string path)
    {
        var items = Items(argument, 2, "Fn::Join", path);
        var values = ResolveList(items[1], path).Select(value => AsString(value, path));
        return string.Join(ResolveString(items[0], path), values);
    }

    private YamlNode Select(YamlNode argument, string path)
    {
        var items = Items(argument, 2, "Fn::Select", path);
        var list = ResolveList(items[1], path);
        return int.TryParse(ResolveString(items[0], path), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && index < list.Count
            ? list[index]
            : throw new TemplateException($"{path}: the index is not within the list of {list.Count}.");
    }

    private YamlSequenceNode Split(YamlNode argument, string path)
    {
        var items = Items(argument, 2, "Fn::Split", path);
        var delimiter = ResolveString(items[0], path);
        return new YamlSequenceNode(ResolveString(items[1], path)
            .Split(delimiter).Select(part => new YamlScalarNode(part)));
    }

    private YamlNode? If(YamlNode argument, string path)
    {
        var items = Items(argument, 3, "Fn::If", path);
        return Resolve(_conditions.Evaluate(ResolveString(items[0], path), path) ? items[1] : items[2], path);
    }

    private YamlNode? FindInMap(YamlNode argument, string path)
    {
        var keys = Items(argument, 3, "Fn::FindInMap", path).Select(item => ResolveString(item, path)).ToArray();
        var top = YamlNodes.ChildMapping(_document.Mappings, keys[0], "Mappings");
        var second = YamlNodes.ChildMapping(top, keys[1], $"Mappings.{keys[0]}");
        var value = YamlNodes.Child(second, keys[2])
            ?? throw new TemplateException($"{path}: Mappings has no {keys[0]}.{keys[1]}.{keys[2]}.");
        return Resolve(value, path);
    }

    private YamlSequenceNode AvailabilityZones() =>
        new(ZoneSuffixes.Select(zone => new YamlScalarNode(_resources.Region + zone)));

    private List<YamlNode> ResolveList(YamlNode node, string path) => Resolve(node, path) switch
    {
        YamlSequenceNode sequence => sequence.Children.ToList(),
        var other => throw new TemplateException($"{path}: expected a list, found a {Describe(other)}."),
    };

    private YamlNode? ResolveArgument(YamlNode node, YamlNode argument, string path) =>
        ReferenceEquals(node, argument) ? ResolveChildren(argument, path) : Resolve(argument, path);

    private YamlNode? ResolveChildren(YamlNode node, string path)
    {
        switch (node)
        {
            case YamlSequenceNode sequence:
                var items = sequence.Children.Select((item, index) => Resolve(item, $"{path}[{index}]"));
                return new YamlSequenceNode(items.OfType<YamlNode>());
            case YamlMappingNode mapping:
                var resolved = new YamlMappingNode();
                foreach (var (key, value) in YamlNodes.Entries(mapping))
                {
                    if (Resolve(value, $"{path}.{key}") is { } plain)
                    {
                        resolved.Add(key, plain);
                    }
                }

                return resolved;
            default:
                return new YamlScalarNode(((YamlScalarNode)node).Value);
        }
    }

    private static string ScalarArgument(YamlNode argument, string path) =>
        argument is YamlScalarNode { Value: { Length: > 0 } value }
            ? value
            : throw new TemplateException($"{path}: expected a name.");

    private static string Describe(YamlNode? node) => node switch
    {
        YamlSequenceNode => "list",
        YamlMappingNode => "mapping",
        null => NoValue,
        _ => "value",
    };
}
