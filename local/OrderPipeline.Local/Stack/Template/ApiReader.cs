using YamlDotNet.RepresentationModel;

namespace OrderPipeline.Local.Stack.Template;

/// <summary>Reads an <c>AWS::Serverless::Api</c> with <c>Globals.Api</c> merged in.</summary>
internal sealed class ApiReader(TemplateDocument document, PropertyReader properties, IntrinsicResolver resolver)
{
    public ApiDefinition Read(string logicalId, YamlMappingNode resource)
    {
        var path = $"Resources.{logicalId}";
        var globals = YamlNodes.ChildMapping(document.Globals, "Api", "Globals");
        var merged = GlobalsMerger.Merge(globals, YamlNodes.ChildMapping(resource, "Properties", path));
        path += ".Properties";
        return new ApiDefinition(
            logicalId,
            resolver.PhysicalName(logicalId),
            Id(logicalId, path),
            properties.RequiredString(merged, "StageName", path),
            properties.OptionalBool(merged, "TracingEnabled", path) ?? false,
            DefaultAuthorizer(merged, path));
    }

    /// <summary>SAM's implicit API for Api events that name no <c>RestApiId</c>: stage <c>Prod</c>, Globals.Api applied.</summary>
    public ApiDefinition ReadImplicit()
    {
        var logicalId = TemplateDocument.ImplicitApiLogicalId;
        var path = $"Globals.Api ({logicalId})";
        var globals = GlobalsMerger.Merge(YamlNodes.ChildMapping(document.Globals, "Api", "Globals"), null);
        return new ApiDefinition(
            logicalId,
            resolver.PhysicalName(logicalId),
            Id(logicalId, path),
            properties.OptionalString(globals, "StageName", path) ?? SamDefaults.ImplicitApiStageName,
            properties.OptionalBool(globals, "TracingEnabled", path) ?? false,
            DefaultAuthorizer(globals, path));
    }

    /// <summary>
    /// The local stack runs IAM authorization only: a template whose API names another default authorizer (Cognito,
    /// Lambda) fails to load rather than leave the method open locally.
    /// </summary>
    private string? DefaultAuthorizer(YamlMappingNode? api, string path)
    {
        var at = $"{path}.Auth";
        return properties.OptionalString(properties.Mapping(api, "Auth", path), "DefaultAuthorizer", at) switch
        {
            null or ApiDefinition.NoAuthorizer => null,
            ApiDefinition.IamAuthorizer => ApiDefinition.IamAuthorizer,
            var other => throw new TemplateException(
                $"{at}.DefaultAuthorizer: the local stack runs AWS_IAM authorization only, not '{other}'."),
        };
    }

    private string Id(string logicalId, string path) => IntrinsicResolver.AsString(resolver.Ref(logicalId, path), path);
}

/// <summary>
/// An <c>AWS::Serverless::Api</c>, or SAM's implicit <c>ServerlessRestApi</c> (stage <c>Prod</c>); <c>Name</c> is its
/// title (its <c>Name</c>, else the stack name, as SAM gives it; X-Ray names the stage's segment
/// <c>&lt;Name&gt;/&lt;StageName&gt;</c>); <c>Id</c> is what <c>!Ref</c> of the API gives; <c>DefaultAuthorizer</c> is <c>Auth.DefaultAuthorizer</c>
/// (<c>AWS_IAM</c>, or null for none), which applies to every method whose event names no authorizer of its own.
/// </summary>
internal sealed record ApiDefinition(
    string LogicalId, string Name, string Id, string StageName, bool TracingEnabled, string? DefaultAuthorizer = null)
{
    /// <summary>SigV4 signed requests only: the one authorizer the local API Gateway runs.</summary>
    public const string IamAuthorizer = "AWS_IAM";

    /// <summary>What an event's <c>Auth.Authorizer</c> says to open a method of an API with a default authorizer.</summary>
    public const string NoAuthorizer = "NONE";

    /// <summary>
    /// The authorizer of one of this API's methods, SAM's precedence: the event's <c>Auth.Authorizer</c>, else
    /// <see cref="DefaultAuthorizer"/>, else <see cref="NoAuthorizer"/>.
    /// </summary>
    public string AuthorizerOf(ApiEventSource route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return route.Authorizer ?? DefaultAuthorizer ?? NoAuthorizer;
    }
}
