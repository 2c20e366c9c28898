namespace OrderPipeline.Local.Stack.Template;

/// <summary>
/// Reads template.yaml into a <see cref="LocalTemplate"/>, resolving intrinsics against the local resources.
/// Throws <see cref="TemplateException"/> naming the resource and property of anything it cannot run.
/// </summary>
internal static class TemplateReader
{
    public static LocalTemplate Load(string path, LocalAccount resources)
    {
        using var reader = File.OpenText(path);
        return Read(reader, resources);
    }

    public static LocalTemplate Parse(string yaml, LocalAccount resources)
    {
        using var reader = new StringReader(yaml);
        return Read(reader, resources);
    }

    public static LocalTemplate Read(TextReader reader, LocalAccount resources)
    {
        var document = TemplateDocument.Parse(reader);
        var parameters = ParameterReader.Read(document, resources);
        var resolver = new IntrinsicResolver(
            document, parameters.ToDictionary(parameter => parameter.Name, StringComparer.Ordinal), resources);
        var properties = new PropertyReader(resolver);
        var functions = new FunctionReader(document, properties, resolver, new EventReader(properties, resolver));
        var queues = new QueueReader(properties, resolver);
        var tables = new TableReader(properties, resolver);
        var apis = new ApiReader(document, properties, resolver);
        var samplingRules = new SamplingRuleReader(properties);
        var apiDefinitions = document.ResourcesOfType(TemplateDocument.ApiType)
            .Select(api => apis.Read(api.LogicalId, api.Resource)).ToList();
        if (document.HasImplicitApi)
        {
            apiDefinitions.Add(apis.ReadImplicit());
        }

        var queueDefinitions = document.ResourcesOfType(TemplateDocument.QueueType)
            .Select(queue => queues.Read(queue.LogicalId, queue.Resource)).ToArray();
        QueueReader.CheckRedriveAllowed(queueDefinitions, resources);
        return new LocalTemplate(
            parameters,
            document.ResourcesOfType(TemplateDocument.FunctionType)
                .Select(function => functions.Read(function.LogicalId, function.Resource)).ToArray(),
            queueDefinitions,
            apiDefinitions,
            document.ResourcesOfType(TemplateDocument.TableType)
                .Select(table => tables.Read(table.LogicalId, table.Resource)).ToArray(),
            document.ResourcesOfType(SamplingRuleReader.ResourceType)
                .Select(rule => samplingRules.Read(rule.LogicalId, rule.Resource)).ToArray());
    }
}
