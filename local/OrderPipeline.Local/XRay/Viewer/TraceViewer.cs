using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace OrderPipeline.Local.XRay.Viewer;

/// <summary>
/// The trace viewer page: <c>GET /</c> answers its <c>index.html</c>, and <c>GET /viewer.css</c> its stylesheet,
/// <c>GET /viewer.js</c> its entry module and <c>GET /api.js</c> and the like the modules that one imports: every file
/// embedded under <c>Viewer/</c> in this assembly, each at its name. The page reads only the X-Ray API beside it on the
/// same origin. Every answer carries an entity tag and <c>Cache-Control: no-cache</c>, so a browser
/// revalidates (and gets 304) instead of keeping a page from an older build.
/// </summary>
internal sealed class TraceViewer
{
    public const string IndexName = "index.html";

    /// <summary>The entry module, which <see cref="IndexName"/> loads and which imports the others.</summary>
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

    /// <summary>Serves the page embedded in this assembly: every resource named <c>Viewer/</c> and a file name.</summary>
    /// <exception cref="InvalidOperationException">
    /// The build did not embed the index, the entry module or the stylesheet.
    /// </exception>
    public TraceViewer()
        : this(EmbeddedAssets())
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

    private static List<ViewerAsset> EmbeddedAssets()
    {
        var assembly = typeof(TraceViewer).Assembly;
        var assets = assembly.GetManifestResourceNames()
            .Where(resource => resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(resource => Embedded(assembly, resource))
            .ToList();
        foreach (var required in (string[])[IndexName, ScriptName, StylesheetName])
        {
            if (!assets.Exists(asset => asset.Name == required))
            {
                throw new InvalidOperationException($"The trace viewer's {required} is not embedded in {assembly.GetName().Name}.");
            }
        }

        return assets;
    }

    private static ViewerAsset Embedded(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var content = new MemoryStream();
        stream.CopyTo(content);
        return ViewerAsset.Create(resource[ResourcePrefix.Length..], content.ToArray());
    }
}
