using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using OrderPipeline.Local.XRay.Viewer;

namespace OrderPipeline.Local.XRay.Api;

/// <summary>The <see cref="XRayApi"/> served on 127.0.0.1, with the <see cref="TraceViewer"/> page at <c>/</c>.</summary>
internal sealed class XRayApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private XRayApiHost(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary><c>http://127.0.0.1:port</c>: the endpoint for an X-Ray client (<c>AWS_ENDPOINT_URL_XRAY</c>).</summary>
    public string BaseUrl { get; }

    /// <summary><c>http://127.0.0.1:port/</c>: the trace viewer page, for a browser.</summary>
    public string ViewerUrl => BaseUrl + "/";

    /// <summary>Starts serving <paramref name="store"/> on TCP <paramref name="port"/> (0 picks a free port).</summary>
    public static Task<XRayApiHost> StartAsync(int port, TraceStore store, CancellationToken cancellationToken) =>
        StartAsync(port, store, XRayApiPaging.Default, cancellationToken);

    /// <summary>As <see cref="StartAsync(int, TraceStore, CancellationToken)"/>, with page sizes of its own (for tests).</summary>
    internal static async Task<XRayApiHost> StartAsync(
        int port, TraceStore store, XRayApiPaging paging, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        try
        {
            new XRayApi(store, paging).Map(app);
            new TraceViewer().Map(app);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            return new XRayApiHost(app, $"http://127.0.0.1:{new Uri(app.Urls.Single()).Port}");
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
