using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using OrderPipeline.Local.Lambda;
using OrderPipeline.Local.Stack.Template;
using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.ApiGateway;

/// <summary>
/// The template's REST APIs on one loopback port, served as their invoke URLs are: <c>{BaseUrl}/{StageName}/{path}</c>
/// (see <see cref="ApiRouteTable"/> for how several APIs share the port).
/// </summary>
internal sealed class ApiGatewayHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;

    private ApiGatewayHost(WebApplication app, CancellationTokenSource stopping, string baseUrl, IReadOnlyList<ApiStage> stages)
    {
        _app = app;
        _stopping = stopping;
        BaseUrl = baseUrl;
        Stages = stages;
    }

    /// <summary><c>http://127.0.0.1:{port}</c>, without a trailing slash.</summary>
    public string BaseUrl { get; }

    /// <summary>Every API that has routes, with its stage's invoke URL, in template order.</summary>
    public IReadOnlyList<ApiStage> Stages { get; }

    /// <summary>Starts serving on 127.0.0.1:<paramref name="port"/> (0 picks a free port).</summary>
    /// <exception cref="TemplateException">An Api event names an API the template does not have.</exception>
    /// <remarks>Requests without a sampling decision are sampled by the template's rules, then X-Ray's default.</remarks>
    public static Task<ApiGatewayHost> StartAsync(
        int port, LocalTemplate template, IFunctionInvoker functions, TraceStore traces, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(template);
        return StartAsync(
            port, template, functions, traces, time, ApiGatewaySettings.Default, new XRaySampler(template.SamplingRules),
            cancellationToken);
    }

    /// <summary>Starts serving, <c>sampler</c> deciding for the requests that arrive without a sampling decision.</summary>
    internal static async Task<ApiGatewayHost> StartAsync(
        int port, LocalTemplate template, IFunctionInvoker functions, TraceStore traces, TimeProvider time,
        ApiGatewaySettings settings, XRaySampler sampler, CancellationToken cancellationToken)
    {
        var routes = ApiRouteTable.From(template);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var stopping = new CancellationTokenSource();
        var verifier = new SigV4Verifier(settings.Credentials, settings.Region, time);
        var dispatcher = new ApiGatewayDispatcher(
            routes, verifier, new ApiThrottle(time), functions, traces, time, settings, sampler, stopping.Token);
        app.Run(dispatcher.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            stopping.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var baseUrl = $"http://127.0.0.1:{new Uri(app.Urls.Single()).Port}";
        var stages = routes.Apis.Select(api => new ApiStage(api, $"{baseUrl}/{api.StageName}")).ToList();
        return new ApiGatewayHost(app, stopping, baseUrl, stages);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}

/// <summary>A served stage: <paramref name="Url"/> is its invoke URL, <c>http://127.0.0.1:port/StageName</c>.</summary>
internal sealed record ApiStage(ApiDefinition Api, string Url);

/// <summary>
/// Where the local API Gateway says it runs (region, account), who may call its <c>AWS_IAM</c> methods, and its limits:
/// <c>IntegrationTimeout</c> is API Gateway's 29 s integration timeout, <c>MaxRequestBodyBytes</c> its 10 MB payload
/// limit. A SigV4 signature must be scoped to <c>Region</c> and made with <c>Credentials</c>.
/// </summary>
internal sealed record ApiGatewaySettings(
    string Region, string AccountId, TimeSpan IntegrationTimeout, long MaxRequestBodyBytes, LocalCredentials Credentials)
{
    public static ApiGatewaySettings Default { get; } = new(
        LocalAccount.DefaultRegion, LocalAccount.Id, TimeSpan.FromSeconds(29), 10L * 1024 * 1024,
        LocalCredentials.Default);
}
