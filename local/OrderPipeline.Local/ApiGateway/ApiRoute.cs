using System.Security.Cryptography;
using System.Text;
using OrderPipeline.Local.Stack.Template;

namespace OrderPipeline.Local.ApiGateway;

/// <summary>
/// One method of one resource, integrated with a function by proxy: an <c>Api</c> event of the template.
/// <see cref="Method"/> is upper case, <c>ANY</c> for every method.
/// </summary>
internal sealed class ApiRoute
{
    public const string AnyMethod = "ANY";

    private readonly RouteSegment[] _segments;

    public ApiRoute(ApiDefinition api, FunctionDefinition function, ApiEventSource source)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(source);
        Api = api;
        Function = function;
        ResourcePath = "/" + source.Path.Trim('/');
        Method = source.Method;
        Authorizer = api.AuthorizerOf(source);
        _segments = [.. Split(ResourcePath).Select(RouteSegment.Parse)];
        ResourceId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(api.Id + ResourcePath)))[..6];
    }

    public ApiDefinition Api { get; }

    public FunctionDefinition Function { get; }

    /// <summary>The path as the template names it, e.g. <c>/orders/{id}</c>: the event's <c>resource</c>.</summary>
    public string ResourcePath { get; }

    public string Method { get; }

    /// <summary><c>AWS_IAM</c> or <c>NONE</c>, as <see cref="ApiDefinition.AuthorizerOf"/> decides.</summary>
    public string Authorizer { get; }

    /// <summary>Only SigV4 signed requests reach the function.</summary>
    public bool RequiresIam => Authorizer == ApiDefinition.IamAuthorizer;

    /// <summary>Six hex digits derived from the API and path, stable across runs, as API Gateway's resource ids are.</summary>
    public string ResourceId { get; }

    public static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    public bool Accepts(string method) => Method == AnyMethod || string.Equals(Method, method, StringComparison.Ordinal);

    /// <summary>Matches the request's path segments (after the stage); literals compare case-sensitively.</summary>
    public bool TryMatch(IReadOnlyList<string> path, out Dictionary<string, string> parameters)
    {
        parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < _segments.Length; i++)
        {
            var segment = _segments[i];
            if (segment.Kind == RouteSegmentKind.Greedy)
            {
                if (i >= path.Count)
                {
                    return false;
                }

                parameters[segment.Text] = string.Join('/', path.Skip(i));
                return true;
            }

            if (i >= path.Count)
            {
                return false;
            }

            if (segment.Kind == RouteSegmentKind.Variable)
            {
                parameters[segment.Text] = path[i];
            }
            else if (!string.Equals(segment.Text, path[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return path.Count == _segments.Length;
    }

    /// <summary>Negative when this resource is more specific than <paramref name="other"/>: literal beats variable beats greedy.</summary>
    public int CompareSpecificity(ApiRoute other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < Math.Min(_segments.Length, other._segments.Length); i++)
        {
            var byKind = _segments[i].Kind.CompareTo(other._segments[i].Kind);
            if (byKind != 0)
            {
                return byKind;
            }
        }

        return other._segments.Length.CompareTo(_segments.Length);
    }
}

/// <summary>A request's route; <c>PathParameters</c> hold the values as they came in the URL (not percent-decoded).</summary>
internal sealed record RouteMatch(ApiRoute Route, IReadOnlyDictionary<string, string> PathParameters);

/// <summary>
/// One segment of a resource path. <see cref="Kind"/> orders them as API Gateway prefers them when several resources
/// match: a literal, then a <c>{param}</c>, then a greedy <c>{proxy+}</c>.
/// </summary>
internal readonly record struct RouteSegment(RouteSegmentKind Kind, string Text)
{
    /// <summary>Reads <c>orders</c>, <c>{id}</c> or <c>{proxy+}</c>; the text of a variable is its name.</summary>
    public static RouteSegment Parse(string segment)
    {
        if (segment.Length > 2 && segment[0] == '{' && segment[^1] == '}')
        {
            var name = segment[1..^1];
            return name.EndsWith('+')
                ? new RouteSegment(RouteSegmentKind.Greedy, name[..^1])
                : new RouteSegment(RouteSegmentKind.Variable, name);
        }

        return new RouteSegment(RouteSegmentKind.Literal, segment);
    }
}

/// <summary>In API Gateway's order of preference.</summary>
internal enum RouteSegmentKind
{
    Literal,
    Variable,
    Greedy,
}
