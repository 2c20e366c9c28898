using OrderPipeline.Local.ApiGateway;
using OrderPipeline.Local.Stack.Template;
using OrderPipeline.Local.Tests.Stack.Template;
using OrderPipeline.Local.XRay;
using OrderPipeline.TestHelpers.Time;

namespace OrderPipeline.Local.Tests.ApiGateway;

/// <summary>
/// A started <see cref="ApiGatewayHost"/> over inline templates: <c>Fn</c> behind <c>POST /orders/{id}</c> and
/// <c>ANY /files/{proxy+}</c> of the traced API <c>Traced</c> (stage <c>prod</c>), and <c>Plain</c> behind
/// <c>GET /plain</c> of the untraced <c>Api</c> (stage <c>v1</c>), whose function does not trace.
/// </summary>
internal sealed class GatewayFixture : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 7, 50, 29, 123, TimeSpan.Zero);

    public const string Resources = """
          Traced:
            Type: AWS::Serverless::Api
            Properties:
              StageName: prod
              TracingEnabled: true
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Events:
                Post:
                  Type: Api
                  Properties:
                    RestApiId: !Ref Traced
                    Path: /orders/{id}
                    Method: post
                Files:
                  Type: Api
                  Properties:
                    RestApiId: !Ref Traced
                    Path: /files/{proxy+}
                    Method: any
          Plain:
            Type: AWS::Serverless::Function
            Properties:
              Events:
                Get:
                  Type: Api
                  Properties:
                    RestApiId: !Ref Api
                    Path: /plain
                    Method: get

        """;

    private GatewayFixture(ApiGatewayHost host, FakeFunctionInvoker functions, TraceStore traces, ManualTimeProvider clock)
    {
        Clock = clock;
        Host = host;
        Functions = functions;
        Traces = traces;
        Http = new HttpClient { BaseAddress = new Uri(host.BaseUrl + "/") };
    }

    public ApiGatewayHost Host { get; }

    /// <summary>The gateway's clock, reading <see cref="Now"/> until a test moves it.</summary>
    public ManualTimeProvider Clock { get; }

    public FakeFunctionInvoker Functions { get; }

    public TraceStore Traces { get; }

    public HttpClient Http { get; }

    public static LocalTemplate Template() => InlineTemplate.Parse(Resources);

    /// <param name="settings">Null for <see cref="ApiGatewaySettings.Default"/>.</param>
    /// <param name="resources">Resources in place of <see cref="Resources"/>.</param>
    /// <param name="sampler">Null for the template's rules and X-Ray's default on the fixture's stopped clock, every
    /// draw 0.99: the first request without a decision is sampled (the reservoir), every later one is not.</param>
    public static async Task<GatewayFixture> StartAsync(
        ApiGatewaySettings? settings = null, string? resources = null, XRaySampler? sampler = null)
    {
        var functions = new FakeFunctionInvoker();
        var traces = new TraceStore();
        var clock = new ManualTimeProvider(Now);
        var template = InlineTemplate.Parse(resources ?? Resources);
        var host = await ApiGatewayHost.StartAsync(
            0, template, functions, traces, clock, settings ?? ApiGatewaySettings.Default,
            sampler ?? new XRaySampler(template.SamplingRules, clock, () => 0.99), CancellationToken.None);
        return new GatewayFixture(host, functions, traces, clock);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}
