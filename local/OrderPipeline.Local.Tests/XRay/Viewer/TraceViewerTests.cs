using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OrderPipeline.Local.XRay;
using OrderPipeline.Local.XRay.Api;
using OrderPipeline.Local.XRay.Viewer;

namespace OrderPipeline.Local.Tests.XRay.Viewer;

/// <summary>The page served beside the X-Ray API by <see cref="XRayApiHost"/>, over HTTP.</summary>
public sealed class TraceViewerTests : IAsyncLifetime
{
    private XRayApiHost? _host;
    private HttpClient? _http;

    private HttpClient Http => _http ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _host = await XRayApiHost.StartAsync(0, new TraceStore(), CancellationToken.None);
        _http = new HttpClient { BaseAddress = new Uri(_host.ViewerUrl) };
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("/", "text/html", TraceViewer.IndexName)]
    [InlineData("/viewer.js", "text/javascript", TraceViewer.ScriptName)]
    [InlineData("/viewer.css", "text/css", TraceViewer.StylesheetName)]
    public async Task Get_AnAsset_AnswersItsEmbeddedBytesWithContentTypeAndValidators(string path, string mediaType, string name)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal(Embedded(name), await response.Content.ReadAsByteArrayAsync());
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.NotNull(response.Headers.ETag);
        Assert.False(response.Headers.ETag.IsWeak);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(TraceViewer.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }

    // A browser refuses a module served as anything but JavaScript: each one the entry imports, however deep, is checked.
    [Fact]
    public async Task Get_EveryModuleTheEntryImports_AnswersItAsJavaScript()
    {
        var served = new List<string>();
        var pending = new Queue<string>([TraceViewer.ScriptName]);
        while (pending.TryDequeue(out var name))
        {
            using var response = await Http.GetAsync(new Uri("/" + name, UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
            Assert.True(response.Headers.CacheControl?.NoCache);
            Assert.NotNull(response.Headers.ETag);
            Assert.Equal(TraceViewer.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
            served.Add(name);
            foreach (var imported in ViewerFiles.ImportsOf(await response.Content.ReadAsStringAsync()).Select(ViewerFiles.SiblingName))
            {
                if (!served.Contains(imported) && !pending.Contains(imported))
                {
                    pending.Enqueue(imported);
                }
            }
        }

        Assert.True(served.Count > 1, "The entry imports no module.");
        Assert.Equal(ViewerFiles.Scripts, served.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Get_WithTheCurrentEntityTag_Answers304WithoutABody()
    {
        using var first = await Http.GetAsync(new Uri("/viewer.js", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/viewer.js");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(first.Headers.ETag, response.Headers.ETag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_WithAnOtherEntityTag_AnswersTheAsset()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"an-older-build\""));

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Embedded(TraceViewer.IndexName), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Head_Index_AnswersTheLengthWithoutABody()
    {
        using var response = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Embedded(TraceViewer.IndexName).Length, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("POST", "/")]
    [InlineData("GET", "/viewer.map")]
    [InlineData("GET", "/Traces")]
    public async Task Send_AnythingButThePage_IsLeftToTheXRayApi(string method, string path)
    {
        using var response = await Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("UnknownOperationException", Assert.Single(response.Headers.GetValues(XRayApi.ErrorTypeHeader)));
    }

    [Fact]
    public async Task Post_TraceSummaries_StillAnswersBesideThePage()
    {
        using var content = new StringContent("""{"StartTime":0,"EndTime":1}""", Encoding.UTF8, "application/json");

        using var response = await Http.PostAsync(new Uri("/TraceSummaries", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"TraceSummaries\":[]", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static byte[] Embedded(string name) => ViewerFiles.Bytes(name);
}
