using OrderPipeline.Local.Lambda.EventSourceMapping;
using YamlDotNet.RepresentationModel;

namespace OrderPipeline.Local.Stack.Template;

/// <summary>
/// Reads a function's <c>Api</c> and <c>SQS</c> events; the local stack runs no other event type, so it skips them.
/// </summary>
internal sealed class EventReader(PropertyReader properties, IntrinsicResolver resolver)
{
    public const string ApiEventType = "Api";
    public const string SqsEventType = "SQS";

    public IReadOnlyList<ApiEventSource> ReadApiEvents(YamlMappingNode functionProperties, string path) =>
        OfType(functionProperties, ApiEventType, path).Select(source =>
        {
            var (name, eventProperties, at) = source;
            var restApi = YamlNodes.Child(eventProperties, "RestApiId");
            var restApiLogicalId = restApi is null ? TemplateDocument.ImplicitApiLogicalId : ApiLogicalId(restApi, at);
            var restApiId = properties.OptionalString(eventProperties, "RestApiId", at)
                ?? IntrinsicResolver.AsString(resolver.Ref(restApiLogicalId, at), at);
            return new ApiEventSource(
                name,
                properties.RequiredString(eventProperties, "Path", at),
                properties.RequiredString(eventProperties, "Method", at).ToUpperInvariant(),
                restApiId,
                restApiLogicalId,
                Authorizer(eventProperties, at));
        }).ToArray();

    /// <summary>The function's <c>SQS</c> events with Lambda's defaults applied (SAM's batch size, no window, five pollers).</summary>
    public IReadOnlyList<SqsEventSourceMappingSettings> ReadSqsEvents(string functionLogicalId, YamlMappingNode functionProperties, string path) =>
        OfType(functionProperties, SqsEventType, path).Select(source =>
        {
            var (name, eventProperties, at) = source;
            var scaling = properties.Mapping(eventProperties, "ScalingConfig", at);
            return new SqsEventSourceMappingSettings(
                functionLogicalId,
                name,
                properties.RequiredString(eventProperties, "Queue", at),
                properties.OptionalInt(eventProperties, "BatchSize", at) ?? SamDefaults.SqsBatchSize,
                properties.OptionalInt(eventProperties, "MaximumBatchingWindowInSeconds", at) ?? 0,
                properties.StringList(eventProperties, "FunctionResponseTypes", at),
                properties.OptionalInt(scaling, "MaximumConcurrency", $"{at}.ScalingConfig")
                    ?? SqsEventSourceMappingSettings.DefaultMaximumConcurrency);
        }).ToArray();

    /// <summary>The event's <c>Auth.Authorizer</c>: <c>AWS_IAM</c>, <c>NONE</c> (opens the method), or null.</summary>
    private string? Authorizer(YamlMappingNode eventProperties, string path)
    {
        var at = $"{path}.Auth";
        return properties.OptionalString(properties.Mapping(eventProperties, "Auth", path), "Authorizer", at) switch
        {
            null => null,
            var known and (ApiDefinition.IamAuthorizer or ApiDefinition.NoAuthorizer) => known,
            var other => throw new TemplateException(
                $"{at}.Authorizer: the local stack runs AWS_IAM authorization only, not '{other}'."),
        };
    }

    private static string ApiLogicalId(YamlNode restApiId, string path) =>
        IntrinsicFunction.TryMatch(restApiId, out var name, out var argument)
            && name == IntrinsicFunction.Ref
            && argument is YamlScalarNode { Value: { } logicalId }
            ? logicalId
            : throw new TemplateException($"{path}.RestApiId must be a Ref of an AWS::Serverless::Api.");

    private IEnumerable<(string Name, YamlMappingNode Properties, string Path)> OfType(
        YamlMappingNode functionProperties, string type, string path)
    {
        foreach (var (name, node) in YamlNodes.Entries(properties.Mapping(functionProperties, "Events", path)))
        {
            var at = $"{path}.Events.{name}";
            var definition = node as YamlMappingNode ?? throw new TemplateException($"{at} must be a mapping.");
            if (properties.OptionalString(definition, "Type", at) == type)
            {
                yield return (name, properties.Mapping(definition, "Properties", at) ?? new YamlMappingNode(), $"{at}.Properties");
            }
        }
    }
}

/// <summary>
/// An <c>Api</c> event of a function. <c>Method</c> is upper case as API Gateway matches it (<c>ANY</c> for any
/// method); <c>RestApiId</c> is the resolved local id of the API, <c>RestApiLogicalId</c> its logical id
/// (<c>ServerlessRestApi</c> when the event names none); <c>Authorizer</c> is the event's <c>Auth.Authorizer</c>
/// (<c>AWS_IAM</c> or <c>NONE</c>), null when the API's default applies.
/// </summary>
internal sealed record ApiEventSource(
    string Name, string Path, string Method, string RestApiId, string RestApiLogicalId, string? Authorizer = null);
