using System.Globalization;
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
            Id(logicalId, path),
            properties.RequiredString(merged, "StageName", path),
            properties.OptionalBool(merged, "TracingEnabled", path) ?? false,
            DefaultAuthorizer(merged, path),
            MethodSettings(merged, path));
    }

    /// <summary>SAM's implicit API for Api events that name no <c>RestApiId</c>: stage <c>Prod</c>, Globals.Api applied.</summary>
    public ApiDefinition ReadImplicit()
    {
        var logicalId = TemplateDocument.ImplicitApiLogicalId;
        var path = $"Globals.Api ({logicalId})";
        var globals = GlobalsMerger.Merge(YamlNodes.ChildMapping(document.Globals, "Api", "Globals"), null);
        return new ApiDefinition(
            logicalId,
            Id(logicalId, path),
            properties.OptionalString(globals, "StageName", path) ?? SamDefaults.ImplicitApiStageName,
            properties.OptionalBool(globals, "TracingEnabled", path) ?? false,
            DefaultAuthorizer(globals, path),
            MethodSettings(globals, path));
    }

    /// <summary>
    /// The stage's <c>MethodSettings</c> that throttle: each entry's <c>ResourcePath</c> (<c>/*</c> for every resource,
    /// else the path with <c>/</c> written <c>~1</c>) and <c>HttpMethod</c> (<c>*</c> for every method), with its
    /// <c>ThrottlingRateLimit</c> (requests a second) and <c>ThrottlingBurstLimit</c>; null when the API has none.
    /// Other settings (logging, caching, metrics) change nothing the local stack serves and are not read.
    /// </summary>
    private ApiMethodSetting[]? MethodSettings(YamlMappingNode? api, string path)
    {
        var at = $"{path}.MethodSettings";
        var list = properties.Sequence(api, "MethodSettings", path);
        if (list is null)
        {
            return null;
        }

        return list.Children.Select((node, index) =>
        {
            var entryPath = $"{at}[{index}]";
            var entry = node as YamlMappingNode ?? throw new TemplateException($"{entryPath} must be a mapping.");
            var rate = properties.OptionalString(entry, "ThrottlingRateLimit", entryPath) is { } text
                ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0
                    ? value
                    : throw new TemplateException($"{entryPath}.ThrottlingRateLimit: '{text}' is not a number of requests a second.")
                : (double?)null;
            var burst = properties.OptionalInt(entry, "ThrottlingBurstLimit", entryPath);
            if (burst < 0)
            {
                throw new TemplateException($"{entryPath}.ThrottlingBurstLimit: {burst} is below 0.");
            }

            return new ApiMethodSetting(
                properties.RequiredString(entry, "ResourcePath", entryPath),
                properties.RequiredString(entry, "HttpMethod", entryPath).ToUpperInvariant(),
                rate,
                burst);
        }).ToArray();
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
/// An <c>AWS::Serverless::Api</c>, or SAM's implicit <c>ServerlessRestApi</c> (stage <c>Prod</c>); <c>Id</c> is the
/// resolved local id (what <c>!Ref</c> of the API gives); <c>DefaultAuthorizer</c> is <c>Auth.DefaultAuthorizer</c>
/// (<c>AWS_IAM</c>, or null for none), which applies to every method whose event names no authorizer of its own;
/// <c>MethodSettings</c> are the stage's throttling settings (null or empty for none).
/// </summary>
internal sealed record ApiDefinition(
    string LogicalId,
    string Id,
    string StageName,
    bool TracingEnabled,
    string? DefaultAuthorizer = null,
    IReadOnlyList<ApiMethodSetting>? MethodSettings = null)
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

/// <summary>
/// One entry of a stage's <c>MethodSettings</c>, as far as throttling goes: <paramref name="ResourcePath"/> is
/// <see cref="AnyResource"/> or a resource path with its slashes written <c>~1</c> (<c>/~1orders</c>);
/// <paramref name="HttpMethod"/> is upper case, <see cref="AnyMethod"/> for every method; a null limit is not set here.
/// </summary>
internal sealed record ApiMethodSetting(string ResourcePath, string HttpMethod, double? ThrottlingRateLimit, int? ThrottlingBurstLimit)
{
    public const string AnyResource = "/*";
    public const string AnyMethod = "*";

    /// <summary>
    /// Whether this entry covers the method <paramref name="method"/> of the resource <paramref name="resourcePath"/>
    /// (as the template writes it, <c>/orders/{id}</c>).
    /// </summary>
    public bool Covers(string resourcePath, string method) =>
        (ResourcePath == AnyResource || ResourcePath == Encode(resourcePath))
        && (HttpMethod == AnyMethod || string.Equals(HttpMethod, method, StringComparison.Ordinal));

    /// <summary><c>/orders/{id}</c> as <c>MethodSettings</c> write it: <c>/~1orders~1{id}</c>; the root stays <c>/</c>.</summary>
    private static string Encode(string resourcePath) =>
        resourcePath.Trim('/') is { Length: > 0 } path ? "/~1" + path.Replace("/", "~1", StringComparison.Ordinal) : "/";

    /// <summary>True for an entry that names one resource or one method, which wins over a stage-wide one.</summary>
    public bool IsSpecific => ResourcePath != AnyResource || HttpMethod != AnyMethod;
}
