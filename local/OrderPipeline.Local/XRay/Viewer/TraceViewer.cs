using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace OrderPipeline.Local.XRay.Viewer;

/// <summary>
/// The trace viewer page: <c>GET /</c> answers its <c>index.html</c>, and <c>GET /viewer.js</c> and
/// <c>GET /viewer.css</c> its script and stylesheet, embedded in this assembly. The page reads only the X-Ray API beside
/// it on the same origin. Every answer carries an entity tag and <c>Cache-Control: no-cache</c>, so a browser
/// revalidates (and gets 304) instead of keeping a page from an older build.
/// </summary>
internal sealed class TraceViewer
{
    public const string IndexName = "index.html";
    public const string ScriptName = "viewer.js";
    public const string StylesheetName = "viewer.css";

    /// <summary>
    /// The page runs its own script and stylesheet and calls its own origin, nothing else: even a flaw that let
    /// trace data become markup could neither run script nor reach the network.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private const string ResourcePrefix = "Viewer/";
    private const string NoCache = "no-cache";

    private readonly Dictionary<string, ViewerAsset> _assets;

    /// <summary>Serves the page embedded in this assembly.</summary>
    /// <exception cref="InvalidOperationException">The build did not embed one of the page's files.</exception>
    public TraceViewer()
        : this([Embedded(IndexName), Embedded(ScriptName), Embedded(StylesheetName)])
    {
    }

    internal TraceViewer(IEnumerable<ViewerAsset> assets)
    {
        ArgumentNullException.ThrowIfNull(assets);
        _assets = assets.ToDictionary(asset => asset.Name, StringComparer.Ordinal);
        if (!_assets.ContainsKey(IndexName))
        {
            throw new ArgumentException($"The viewer needs an {IndexName}.", nameof(assets));
        }
    }

    /// <summary>Maps <c>GET</c> and <c>HEAD</c> of <c>/</c> and of each asset; literal routes win over a catch-all.</summary>
    public void Map(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        foreach (var asset in _assets.Values)
        {
            var path = asset.Name == IndexName ? "/" : "/" + asset.Name;
            endpoints.MapMethods(path, methods, context => ServeAsync(context, asset));
        }
    }

    private static async Task ServeAsync(HttpContext context, ViewerAsset asset)
    {
        var response = context.Response;
        var headers = response.Headers;
        headers.ETag = asset.ETag;
        headers.CacheControl = NoCache;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        if (Matches(context.Request, asset.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Content.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(asset.Content, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static bool Matches(HttpRequest request, string etag)
    {
        var ifNoneMatch = request.GetTypedHeaders().IfNoneMatch;
        var current = new EntityTagHeaderValue(etag);
        return ifNoneMatch.Any(candidate => candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(current, useStrongComparison: false));
    }

    private static ViewerAsset Embedded(string name)
    {
        using var stream = typeof(TraceViewer).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"The trace viewer's {name} is not embedded in {typeof(TraceViewer).Assembly.GetName().Name}.");
        using var content = new MemoryStream();
        stream.CopyTo(content);
        return ViewerAsset.Create(name, content.ToArray());
    }
}
