using YamlDotNet.RepresentationModel;

namespace OrderPipeline.Local.Stack.Template;

/// <summary>
/// What the local stack does with each property of one kind of resource or event: it honours it, accepts it knowing
/// it changes nothing a function or client can observe locally (each with the reason), or refuses the template at
/// start-up naming the resource and property. A property on none of the lists is refused too: a template never runs
/// locally with a setting silently dropped.
/// </summary>
internal sealed class SupportedProperties
{
    private readonly string _kind;
    private readonly HashSet<string> _honoured;
    private readonly Dictionary<string, string> _acceptedWithoutEffect;
    private readonly Dictionary<string, string> _refused;

    /// <param name="kind">What the properties belong to, for messages (<c>AWS::SQS::Queue</c>, <c>an SQS event</c>).</param>
    /// <param name="honoured">Properties the local stack acts on as AWS does.</param>
    /// <param name="acceptedWithoutEffect">Properties with no effect a local run can observe, each with why.</param>
    /// <param name="refused">Properties known and refused, each with the reason the message gives.</param>
    public SupportedProperties(
        string kind,
        IEnumerable<string> honoured,
        IReadOnlyDictionary<string, string>? acceptedWithoutEffect = null,
        IReadOnlyDictionary<string, string>? refused = null)
    {
        _kind = kind;
        _honoured = new HashSet<string>(honoured, StringComparer.Ordinal);
        _acceptedWithoutEffect = new Dictionary<string, string>(
            acceptedWithoutEffect ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        _refused = new Dictionary<string, string>(refused ?? new Dictionary<string, string>(), StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Honoured => _honoured;

    /// <summary>Property name → why accepting it without acting on it changes nothing observable locally.</summary>
    public IReadOnlyDictionary<string, string> AcceptedWithoutEffect => _acceptedWithoutEffect;

    /// <exception cref="TemplateException">A property is refused or unknown; the message names it at <paramref name="path"/>.</exception>
    public void Check(YamlMappingNode? properties, string path)
    {
        foreach (var (name, _) in YamlNodes.Entries(properties))
        {
            if (_honoured.Contains(name) || _acceptedWithoutEffect.ContainsKey(name))
            {
                continue;
            }

            throw new TemplateException(_refused.TryGetValue(name, out var reason)
                ? $"{path}.{name}: {reason}"
                : $"{path}.{name}: {name} is not supported by the local stack on {_kind}; it would be ignored, so the "
                  + "template is refused (remove it to run locally).");
        }
    }
}
