using System.Net;
using System.Text;
using System.Text.Json;
using OrderPipeline.Local.XRay;
using OrderPipeline.Local.XRay.Api;

namespace OrderPipeline.Local.Tests.XRay.Api;

/// <summary>A started <see cref="XRayApiHost"/> on a free port and an HttpClient that posts raw JSON to it.</summary>
internal sealed class XRayApiClient : IAsyncDisposable
{
    private readonly XRayApiHost _host;
    private readonly HttpClient _http;

    private XRayApiClient(XRayApiHost host)
    {
        _host = host;
        _http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
    }

    public static async Task<XRayApiClient> StartAsync(TraceStore store) =>
        new(await XRayApiHost.StartAsync(0, store, CancellationToken.None));

    public static async Task<XRayApiClient> StartAsync(TraceStore store, XRayApiPaging paging) =>
        new(await XRayApiHost.StartAsync(0, store, paging, CancellationToken.None));

    public Task<XRayApiAnswer> PostAsync(string path, string json) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    public async Task<XRayApiAnswer> SendAsync(HttpRequestMessage request)
    {
        using (request)
        using (var response = await _http.SendAsync(request))
        {
            var body = await response.Content.ReadAsStringAsync();
            var errorType = response.Headers.TryGetValues(XRayApi.ErrorTypeHeader, out var values) ? values.Single() : null;
            var requestId = response.Headers.TryGetValues(XRayApi.RequestIdHeader, out var ids) ? ids.Single() : null;
            return new XRayApiAnswer(response.StatusCode, errorType, requestId, JsonDocument.Parse(body).RootElement.Clone());
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }
}

/// <summary>An answer of the X-Ray API: status, the <c>x-amzn-ErrorType</c> and <c>x-amzn-RequestId</c> headers, the JSON body.</summary>
internal sealed record XRayApiAnswer(HttpStatusCode Status, string? ErrorType, string? RequestId, JsonElement Body);
