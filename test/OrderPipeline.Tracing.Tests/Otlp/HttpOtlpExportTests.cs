using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using OrderPipeline.Local.Otlp.Proto;
using OrderPipeline.TestHelpers.Http;
using OrderPipeline.TestHelpers.Lambda;
using OrderPipeline.TestHelpers.Time;
using OrderPipeline.Tracing.Otlp;
using OrderPipeline.Tracing.Tests.Support;

namespace OrderPipeline.Tracing.Tests.Otlp;

/// <summary>
/// OpenTelemetry export over OTLP/HTTP (https://opentelemetry.io/docs/specs/otlp/#otlphttp) to a collector on loopback,
/// and what a collector that is down does to the invocation: never an exception, never more than the bound, and
/// after a failure no attempt (and no wait) until the back-off has passed on the session's clock. The session exports
/// the process-wide AWS SDK source too, so other tests' SDK calls may ride along in a flush: span counts are read for
/// this test's trace, and dropped spans are counted at least.
/// </summary>
public sealed class HttpOtlpExportTests : IAsyncLifetime
{
    private const string Root = "1-6752b7a1-8f2c4d6e0a1b3c5d7e9f0123";
    private const string RootHex = "6752b7a18f2c4d6e0a1b3c5d7e9f0123";

    private readonly ActivitySource _source = TestSources.Create();
    private readonly TestLambdaContext _context = new() { TraceHeader = $"Root={Root};Parent=53995c3f42cd8ad8;Sampled=1" };
    private readonly List<string> _problems = [];
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private OtlpHttpCollector _collector = null!;

    public async Task InitializeAsync() => _collector = await OtlpHttpCollector.StartAsync();

    public async Task DisposeAsync()
    {
        _source.Dispose();
        await _collector.DisposeAsync();
    }

    [Fact]
    public async Task Flush_ToACollector_IsOneProtobufPostToV1TracesWithTheConfiguredHeaders()
    {
        using var session = Start(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.Url + "/",
            ["OTEL_EXPORTER_OTLP_HEADERS"] = "x-api-key=a%20secret,x-team=orders",
            ["OTEL_EXPORTER_OTLP_TRACES_HEADERS"] = "x-team=payments",
            ["OTEL_SERVICE_NAME"] = "order-intake",
        });

        await InvokeAsync(session, spans: 2);

        var received = Assert.Single(_collector.Requests);
        Assert.Equal("/v1/traces", received.Path);
        Assert.Equal("application/x-protobuf", received.ContentType);
        Assert.Equal("a secret", received.Headers["x-api-key"]);
        Assert.Equal("payments", received.Headers["x-team"]);
        var request = received.Request;
        Assert.Equal("order-intake", request.ResourceSpans[0].Resource.Attributes.StringAttribute("service.name"));
        var spans = request.Spans().Where(s => s.TraceId.Hex() == RootHex).ToList();
        Assert.Equal(3, spans.Count);
        var invocation = Assert.Single(spans, s => s.Kind == Span.Types.SpanKind.Server);
        Assert.All(spans.Where(s => s != invocation), s => Assert.Equal(invocation.SpanId, s.ParentSpanId));
        Assert.Equal(0, session.DroppedSpans);
    }

    [Fact]
    public async Task OnInvocationEndAsync_CompletesOnlyOnceTheCollectorHasAnswered()
    {
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new ManualResetEventSlim();
        _collector.OnReceived = _ =>
        {
            holding.TrySetResult();
            release.Wait(TimeSpan.FromSeconds(30));
        };
        using var session = Start(new()
        {
            ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = _collector.Url + "/custom/path",
            ["OTEL_EXPORTER_OTLP_TIMEOUT"] = "30000",
        });

        session.OnInvocationStart(_context);
        var end = session.OnInvocationEndAsync(_context, null).AsTask();
        await holding.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(end.IsCompleted);
        release.Set();
        await end.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("/custom/path", Assert.Single(_collector.Requests).Path);
        Assert.Equal(0, session.DroppedSpans);
    }

    [Fact]
    public async Task Flush_ToACollectorThatNeverAnswers_ReturnsAtTheBoundThenSkipsTheCollectorUntilTheBackOffHasPassed()
    {
        await using var blackHole = StubHttpEndpoint.Hanging();
        using var session = Start(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = blackHole.ServiceUrl,
            ["OTEL_EXPORTER_OTLP_TIMEOUT"] = "1000",
        });

        // The endpoint reads the request and never answers: the flush returns anyway, its spans dropped.
        await InvokeAsync(session, spans: 1).WaitAsync(TimeSpan.FromSeconds(30));
        await Support.Otlp.EventuallyAsync(() => blackHole.Requests, requests => requests == 1);
        var droppedByTheFirst = session.DroppedSpans;
        Assert.True(droppedByTheFirst >= 2);

        // Within the back-off (the session's clock has not moved) the next flush drops its spans without a request.
        await InvokeAsync(session, spans: 1).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(session.DroppedSpans >= droppedByTheFirst + 2);

        // Once it has passed, the collector is tried again; had the second flush tried, its request would be here too.
        _time.Now += HttpOtlpTransport.FirstBackOff;
        await InvokeAsync(session, spans: 1).WaitAsync(TimeSpan.FromSeconds(30));
        await Support.Otlp.EventuallyAsync(() => blackHole.Requests, requests => requests >= 2);
        Assert.Equal(2, blackHole.Requests);
        Assert.True(session.DroppedSpans >= droppedByTheFirst + 4);
        Assert.Contains("did not answer within 1000 ms", Assert.Single(_problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flush_ToAClosedPort_DropsTheSpansAndBacksOff()
    {
        // Bound, never listening: the port refuses connections, and no other test can take it meanwhile.
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)closed.LocalEndPoint!).Port;
        using var session = Start(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}" });

        await InvokeAsync(session, spans: 1).WaitAsync(TimeSpan.FromSeconds(30));
        await InvokeAsync(session, spans: 1).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(session.DroppedSpans >= 4);
        Assert.Single(_problems, p => p.Contains("unreachable", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(503, 1)]
    [InlineData(429, 1)]
    [InlineData(400, 2)]
    public async Task Flush_CollectorAnswersAnError_BacksOffOnlyWhenARetryCouldHelp(int status, int requestsAfterTwoFlushes)
    {
        _collector.Status = status;
        using var session = Start(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.Url });

        await InvokeAsync(session, spans: 0);
        await InvokeAsync(session, spans: 0);

        Assert.Equal(requestsAfterTwoFlushes, _collector.Requests.Count);
        Assert.True(session.DroppedSpans >= 2);
        Assert.Single(_problems);
    }

    [Fact]
    public async Task Flush_DeadlineAlreadyPassed_SendsNothingAndReturns()
    {
        using var session = Start(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.Url });
        _context.Time = _time;
        _context.Deadline = _time.Now;

        await InvokeAsync(session, spans: 0);

        Assert.Empty(_collector.Requests);
        Assert.True(session.DroppedSpans >= 1);
    }

    private async Task InvokeAsync(TracingSession session, int spans)
    {
        session.OnInvocationStart(_context);
        for (var i = 0; i < spans; i++)
        {
            using var activity = _source.StartActivity("Step");
            activity?.SetTag("index", i);
        }

        await session.OnInvocationEndAsync(_context, null);
    }

    private TracingSession Start(Dictionary<string, string> environment)
    {
        environment["OTEL_TRACES_EXPORTER"] = "otlp";
        environment["AWS_LAMBDA_FUNCTION_NAME"] = "orders-producer";
        // A collector that answers gets 30 s: a busy machine's first, JIT-compiled request can take longer than the
        // function's bound (the bound itself is what the black-hole tests measure, with a short timeout).
        return FunctionTracing.StartWith(
            environment.GetValueOrDefault, [_source.Name], [], FunctionTrigger.Http, null, _problems.Add, _time, null, TimeSpan.FromSeconds(30));
    }
}
