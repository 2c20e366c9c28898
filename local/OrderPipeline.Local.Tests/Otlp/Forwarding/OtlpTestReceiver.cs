using System.Collections.Concurrent;
using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using OrderPipeline.Local.Otlp.Proto;

namespace OrderPipeline.Local.Tests.Otlp.Forwarding;

/// <summary>
/// An OTLP/HTTP receiver on loopback (Kestrel, a free port) that decodes every request body as an
/// <c>ExportTraceServiceRequest</c> with the classes generated from the OTLP .proto files, and answers each in turn with
/// the scripted status (200 with an empty protobuf <c>ExportTraceServiceResponse</c> once the script is used up).
/// </summary>
internal sealed class OtlpTestReceiver : IAsyncDisposable
{
    private WebApplication? _app;
    private readonly ConcurrentQueue<(HttpStatusCode Status, string? RetryAfter)> _script = new();
    private readonly ConcurrentQueue<ReceivedExport> _received = new();
    private readonly SemaphoreSlim _arrivals = new(0);

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The full traces URL.</summary>
    public Uri TracesUrl => new(BaseUrl, "/v1/traces");

    /// <summary>Every request so far, in arrival order, including those answered with an error.</summary>
    public IReadOnlyList<ReceivedExport> Received => [.. _received];

    /// <summary>The spans of the requests answered 200, each with the <c>service.name</c> of its resource.</summary>
    public IReadOnlyList<(string Service, Resource Resource, Span Span)> AcceptedSpans =>
    [
        .. _received.Where(r => r.Status == HttpStatusCode.OK)
            .SelectMany(r => r.Request.ResourceSpans)
            .SelectMany(rs => rs.ScopeSpans.SelectMany(ss => ss.Spans).Select(span => (ServiceName(rs.Resource), rs.Resource, span))),
    ];

    public static async Task<OtlpTestReceiver> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new OtlpTestReceiver { _app = app };
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        receiver.BaseUrl = new Uri($"http://127.0.0.1:{new Uri(app.Urls.Single()).Port}");
        return receiver;
    }

    public static string ServiceName(Resource resource) =>
        resource.Attributes.Single(a => a.Key == "service.name").Value.StringValue;

    /// <summary>Answers the next request with <paramref name="status"/> (and a <c>Retry-After</c> header when given).</summary>
    public void AnswerNext(HttpStatusCode status, string? retryAfter = null) => _script.Enqueue((status, retryAfter));

    /// <summary>Waits, up to a minute, until <paramref name="condition"/> holds of what has been received.</summary>
    public async Task WaitUntilAsync(Func<OtlpTestReceiver, bool> condition)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!condition(this))
        {
            await _arrivals.WaitAsync(limit.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _arrivals.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var status = _script.TryDequeue(out var scripted) ? scripted : (HttpStatusCode.OK, null);
        _received.Enqueue(new ReceivedExport(
            context.Request.Method, context.Request.Path, context.Request.ContentType, status.Item1,
            ExportTraceServiceRequest.Parser.ParseFrom(body.ToArray())));
        context.Response.StatusCode = (int)status.Item1;
        if (status.Item2 is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        if (status.Item1 == HttpStatusCode.OK)
        {
            context.Response.ContentType = "application/x-protobuf";
            await context.Response.Body.WriteAsync(new ExportTraceServiceResponse().ToByteArray());
        }

        _arrivals.Release();
    }
}

/// <summary>One request the receiver decoded, and how it answered.</summary>
internal sealed record ReceivedExport(string Method, string Path, string? ContentType, HttpStatusCode Status, ExportTraceServiceRequest Request);
