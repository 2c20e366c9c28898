using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace OrderPipeline.Local.Stack.Template;

/// <summary>Reads an <c>AWS::Serverless::Api</c> with <c>Globals.Api</c> merged in.</summary>
internal sealed class ApiReader(TemplateDocument document, PropertyReader properties, IntrinsicResolver resolver)
{
    private const string Deployment = "a deployment setting; the local stage serves the routes of the template as they are";

    /// <summary>
    /// What the local stack does with each property of an <c>AWS::Serverless::Api</c>, Globals merged in
    /// (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-api.html).
    /// </summary>
    public static readonly SupportedProperties Properties = new(
        TemplateDocument.ApiType,
        ["Name", "StageName", "TracingEnabled", "Auth", "BinaryMediaTypes"],
        new Dictionary<string, string>
        {
            ["Description"] = "a description changes nothing an API does",
            ["Tags"] = "the local API Gateway serves no tagging operations",
            ["PropagateTags"] = "the local API Gateway serves no tagging operations",
            ["EndpointConfiguration"] = "the local API is served on 127.0.0.1 whatever the endpoint type",
            ["DisableExecuteApiEndpoint"] = "the local endpoint is the only one",
            ["Domain"] = "the local endpoint is 127.0.0.1; custom domain names are DNS and certificates",
            ["OpenApiVersion"] = "it only changes which extra stage SAM creates",
            ["AccessLogSetting"] = "the local stack writes no CloudWatch Logs; the functions' logs are streamed",
            ["MethodSettings"] = "stage logging, metrics and throttling settings are not applied locally (see Known differences)",
            ["CacheClusterEnabled"] = "a cache cluster caches nothing until methods enable caching, which SAM events cannot",
            ["CacheClusterSize"] = "a cache cluster caches nothing until methods enable caching, which SAM events cannot",
            ["CanarySetting"] = Deployment,
            ["AlwaysDeploy"] = Deployment,
            ["FailOnWarnings"] = Deployment,
            ["Mode"] = Deployment,
            ["MergeDefinitions"] = Deployment,
        });

    private static readonly SupportedProperties AuthProperties = new(
        "an API's Auth",
        ["DefaultAuthorizer"],
        new Dictionary<string, string>
        {
            ["InvokeRole"] = "the local API Gateway invokes functions directly, with no role and no IAM check",
        });

    public ApiDefinition Read(string logicalId, YamlMappingNode resource)
    {
        var path = $"Resources.{logicalId}";
        var globals = YamlNodes.ChildMapping(document.Globals, "Api", "Globals");
        var merged = GlobalsMerger.Merge(globals, YamlNodes.ChildMapping(resource, "Properties", path));
        path += ".Properties";
        Properties.Check(merged, path);
        return new ApiDefinition(
            logicalId,
            resolver.PhysicalName(logicalId),
            Id(logicalId, path),
            properties.RequiredString(merged, "StageName", path),
            properties.OptionalBool(merged, "TracingEnabled", path) ?? false,
            DefaultAuthorizer(merged, path),
            BinaryMediaTypes(merged, path),
            MethodSettings(merged, path));
    }

    /// <summary>SAM's implicit API for Api events that name no <c>RestApiId</c>: stage <c>Prod</c>, Globals.Api applied.</summary>
    public ApiDefinition ReadImplicit()
    {
        var logicalId = TemplateDocument.ImplicitApiLogicalId;
        var path = $"Globals.Api ({logicalId})";
        var globals = GlobalsMerger.Merge(YamlNodes.ChildMapping(document.Globals, "Api", "Globals"), null);
        Properties.Check(globals, path);
        return new ApiDefinition(
            logicalId,
            resolver.PhysicalName(logicalId),
            Id(logicalId, path),
            properties.OptionalString(globals, "StageName", path) ?? SamDefaults.ImplicitApiStageName,
            properties.OptionalBool(globals, "TracingEnabled", path) ?? false,
            DefaultAuthorizer(globals, path),
            BinaryMediaTypes(globals, path),
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
        var auth = properties.Mapping(api, "Auth", path);
        AuthProperties.Check(auth, at);
        return properties.OptionalString(auth, "DefaultAuthorizer", at) switch
        {
            null or ApiDefinition.NoAuthorizer => null,
            ApiDefinition.IamAuthorizer => ApiDefinition.IamAuthorizer,
            var other => throw new TemplateException(
                $"{at}.DefaultAuthorizer: the local stack runs AWS_IAM authorization only, not '{other}'."),
        };
    }

    /// <summary>
    /// <c>BinaryMediaTypes</c>, with SAM's <c>~1</c> for <c>/</c> decoded (<c>image~1png</c> is <c>image/png</c>):
    /// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-api.html#sam-api-binarymediatypes
    /// </summary>
    private IReadOnlyList<string>? BinaryMediaTypes(YamlMappingNode? api, string path)
    {
        var types = properties.StringList(api, "BinaryMediaTypes", path);
        return types.Count == 0 ? null : [.. types.Select(type => type.Replace("~1", "/", StringComparison.Ordinal))];
    }

    private string Id(string logicalId, string path) => IntrinsicResolver.AsString(resolver.Ref(logicalId, path), path);
}

/// <summary>
/// An <c>AWS::Serverless::Api</c>, or SAM's implicit <c>ServerlessRestApi</c> (stage <c>Prod</c>); <c>Name</c> is its
/// title (its <c>Name</c>, else the stack name, as SAM gives it; X-Ray names the stage's segment
/// <c>&lt;Name&gt;/&lt;StageName&gt;</c>); <c>Id</c> is what <c>!Ref</c> of the API gives; <c>DefaultAuthorizer</c> is
/// <c>Auth.DefaultAuthorizer</c> (<c>AWS_IAM</c>, or null for none), which applies to every method whose event names no
/// authorizer of its own; <c>BinaryMediaTypes</c> are the media types (wildcards allowed) whose request bodies reach a
/// function base64-encoded; <c>MethodSettings</c> are the stage's throttling settings (null or empty for none).
/// </summary>
internal sealed record ApiDefinition(
    string LogicalId,
    string Name,
    string Id,
    string StageName,
    bool TracingEnabled,
    string? DefaultAuthorizer = null,
    IReadOnlyList<string>? BinaryMediaTypes = null,
    IReadOnlyList<ApiMethodSetting>? MethodSettings = null)
{
    /// <summary>
    /// True when a request with this <c>Content-Type</c> is binary to the API: its media type (parameters dropped)
    /// matches one of <see cref="BinaryMediaTypes"/>, case-insensitively, where <c>*</c> stands for a whole type or
    /// subtype (<c>image/*</c>, <c>*/*</c>).
    /// </summary>
    public bool IsBinary(string? contentType)
    {
        if (BinaryMediaTypes is null || string.IsNullOrWhiteSpace(contentType))
        {
            return false;
        }

        var mediaType = contentType.Split(';')[0].Trim();
        return BinaryMediaTypes.Any(binary => MediaTypeMatches(binary, mediaType));
    }

    private static bool MediaTypeMatches(string pattern, string mediaType)
    {
        var (patternType, patternSubtype) = Halves(pattern);
        var (type, subtype) = Halves(mediaType);
        return (patternType == "*" || string.Equals(patternType, type, StringComparison.OrdinalIgnoreCase))
            && (patternSubtype == "*" || string.Equals(patternSubtype, subtype, StringComparison.OrdinalIgnoreCase));
    }

    private static (string Type, string Subtype) Halves(string mediaType)
    {
        var slash = mediaType.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (mediaType, string.Empty) : (mediaType[..slash], mediaType[(slash + 1)..]);
    }

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
