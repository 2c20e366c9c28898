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

    /// <summary>
    /// What the local stack does with each property of an <c>SQS</c> event
    /// (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-sqs.html).
    /// </summary>
    public static readonly SupportedProperties SqsProperties = new(
        "an SQS event",
        ["Queue", "BatchSize", "MaximumBatchingWindowInSeconds", "FunctionResponseTypes", "ScalingConfig", "Enabled", "FilterCriteria"],
        new Dictionary<string, string>
        {
            ["KmsKeyArn"] = "it encrypts the filter criteria at rest in Lambda, which a function never sees",
            ["MetricsConfig"] = "it turns on CloudWatch metrics for the mapping; the local stack publishes no metrics",
        });

    /// <summary>What the local stack does with each property of an <c>Api</c> event.</summary>
    public static readonly SupportedProperties ApiProperties = new("an Api event", ["Path", "Method", "RestApiId", "Auth"]);

    private static readonly SupportedProperties ScalingConfigProperties = new("ScalingConfig", ["MaximumConcurrency"]);
    private static readonly SupportedProperties FilterCriteriaProperties = new("FilterCriteria", ["Filters"]);
    private static readonly SupportedProperties FilterProperties = new("a filter", ["Pattern"]);
    private static readonly SupportedProperties ApiAuthProperties = new("an Api event's Auth", ["Authorizer"]);

    public IReadOnlyList<ApiEventSource> ReadApiEvents(YamlMappingNode functionProperties, string path) =>
        OfType(functionProperties, ApiEventType, path).Select(source =>
        {
            var (name, eventProperties, at) = source;
            ApiProperties.Check(eventProperties, at);
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

    /// <summary>
    /// The function's <c>SQS</c> events with Lambda's defaults applied (SAM's batch size, no window, five pollers,
    /// enabled, no filter).
    /// </summary>
    public IReadOnlyList<SqsEventSourceMappingSettings> ReadSqsEvents(string functionLogicalId, YamlMappingNode functionProperties, string path) =>
        OfType(functionProperties, SqsEventType, path).Select(source =>
        {
            var (name, eventProperties, at) = source;
            SqsProperties.Check(eventProperties, at);
            var scaling = properties.Mapping(eventProperties, "ScalingConfig", at);
            ScalingConfigProperties.Check(scaling, $"{at}.ScalingConfig");
            return new SqsEventSourceMappingSettings(
                functionLogicalId,
                name,
                properties.RequiredString(eventProperties, "Queue", at),
                properties.OptionalInt(eventProperties, "BatchSize", at) ?? SamDefaults.SqsBatchSize,
                properties.OptionalInt(eventProperties, "MaximumBatchingWindowInSeconds", at) ?? 0,
                properties.StringList(eventProperties, "FunctionResponseTypes", at),
                properties.OptionalInt(scaling, "MaximumConcurrency", $"{at}.ScalingConfig")
                    ?? SqsEventSourceMappingSettings.DefaultMaximumConcurrency,
                properties.OptionalBool(eventProperties, "Enabled", at) ?? true,
                ReadFilter(properties.Mapping(eventProperties, "FilterCriteria", at), $"{at}.FilterCriteria"));
        }).ToArray();

    /// <summary>
    /// <c>FilterCriteria: {Filters: [{Pattern: '…'}]}</c>, each pattern a JSON string
    /// (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html#filtering-sam).
    /// </summary>
    private SqsEventFilter? ReadFilter(YamlMappingNode? criteria, string path)
    {
        if (criteria is null)
        {
            return null;
        }

        FilterCriteriaProperties.Check(criteria, path);
        var filters = properties.Sequence(criteria, "Filters", path)
            ?? throw new TemplateException($"{path}.Filters is required and must be a list.");
        var patterns = filters.Children.Select((filter, index) =>
        {
            var at = $"{path}.Filters[{index}]";
            var mapping = filter as YamlMappingNode ?? throw new TemplateException($"{at} must be a mapping.");
            FilterProperties.Check(mapping, at);
            return properties.RequiredString(mapping, "Pattern", at);
        }).ToArray();
        try
        {
            return SqsEventFilter.Parse(patterns);
        }
        catch (FormatException exception)
        {
            throw new TemplateException($"{path}: {exception.Message}", exception);
        }
    }

    /// <summary>The event's <c>Auth.Authorizer</c>: <c>AWS_IAM</c>, <c>NONE</c> (opens the method), or null.</summary>
    private string? Authorizer(YamlMappingNode eventProperties, string path)
    {
        var at = $"{path}.Auth";
        var auth = properties.Mapping(eventProperties, "Auth", path);
        ApiAuthProperties.Check(auth, at);
        return properties.OptionalString(auth, "Authorizer", at) switch
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
