using System.Net;
using System.Text;
using OrderPipeline.Local.Lambda;

namespace OrderPipeline.Local.Tests.Lambda;

// The endpoint as a runtime sees it: plain HTTP against AWS_LAMBDA_RUNTIME_API, header names spelled here.
public sealed class RuntimeApiEndpointTests : IAsyncLifetime
{
    private const string Arn = "arn:aws:lambda:eu-west-1:000000000000:function:F";
    private static readonly DateTimeOffset Deadline = DateTimeOffset.FromUnixTimeMilliseconds(1795670037163);

    private readonly RuntimeApiSession _session = new(TimeProvider.System);
    private readonly HttpClient _http = new();
    private RuntimeApiEndpoint? _endpoint;

    public async Task InitializeAsync()
    {
        _endpoint = await RuntimeApiEndpoint.StartAsync(_session, CancellationToken.None);
        _http.BaseAddress = new Uri($"http://{_endpoint.Address}/2018-06-01/runtime/");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _endpoint!.DisposeAsync();
    }

    [Fact]
    public async Task Next_InvocationDispatched_AnswersTheEventWithLambdaHeaders()
    {
        _session.Dispatch(Invocation("req-1", "Root=1-6b07c015-4e2f1d8c7b6a5f4e3d2c1b0a;Parent=7f3a9c1e5b2d8046;Sampled=1"));

        using var next = await _http.GetAsync("invocation/next");

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal("""{"a":1}""", await next.Content.ReadAsStringAsync());
        Assert.Equal("req-1", Header(next, "Lambda-Runtime-Aws-Request-Id"));
        Assert.Equal("1795670037163", Header(next, "Lambda-Runtime-Deadline-Ms"));
        Assert.Equal(Arn, Header(next, "Lambda-Runtime-Invoked-Function-Arn"));
        Assert.Equal(
            "Root=1-6b07c015-4e2f1d8c7b6a5f4e3d2c1b0a;Parent=7f3a9c1e5b2d8046;Sampled=1",
            Header(next, "Lambda-Runtime-Trace-Id"));
        Assert.NotNull(_session.InitEndedAt);
    }

    [Fact]
    public async Task Response_ForTheHeldRequest_CompletesTheInvocationWithTheBody()
    {
        var invocation = Invocation("req-1", traceHeader: null);
        _session.Dispatch(invocation);
        (await _http.GetAsync("invocation/next")).Dispose();

        using var post = await _http.PostAsync("invocation/req-1/response", Json("""{"ok":true}"""));

        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var outcome = await invocation.Outcome;
        Assert.Equal("""{"ok":true}""", Encoding.UTF8.GetString(outcome.Response!.Value.Span));
        Assert.NotNull(invocation.HandedOffAt);
    }

    [Fact]
    public async Task Response_UnknownRequestId_Answers400InvalidRequestId()
    {
        var invocation = Invocation("req-1", traceHeader: null);
        _session.Dispatch(invocation);
        (await _http.GetAsync("invocation/next")).Dispose();

        using var post = await _http.PostAsync("invocation/other/response", Json("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Contains("\"errorType\":\"InvalidRequestID\"", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(invocation.Outcome.IsCompleted);
    }

    [Fact]
    public async Task Error_Posted_CompletesTheInvocationWithTheErrorDocument()
    {
        var invocation = Invocation("req-1", traceHeader: null);
        _session.Dispatch(invocation);
        (await _http.GetAsync("invocation/next")).Dispose();
        const string document = """{"errorMessage":"boom","errorType":"InvalidOperationException","stackTrace":[]}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "invocation/req-1/error") { Content = Json(document) };
        request.Headers.Add("Lambda-Runtime-Function-Error-Type", "InvalidOperationException");

        using var post = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var error = (await invocation.Outcome).Error!;
        Assert.Equal("InvalidOperationException", error.ErrorType);
        Assert.Equal("boom", error.ErrorMessage);
        Assert.Equal(document, Encoding.UTF8.GetString(error.Body.Span));
    }

    [Fact]
    public async Task Error_PostedWithAnXRayCauseJustBelowOneMebibyte_IsAcceptedAndKept()
    {
        var invocation = Invocation("req-1", traceHeader: null);
        _session.Dispatch(invocation);
        (await _http.GetAsync("invocation/next")).Dispose();
        var cause = $$"""{"working_directory":"/var/task","paths":[],"exceptions":[{"id":"0123456789abcdef","type":"E","message":"{{new string('m', (1024 * 1024) - 200)}}"}]}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "invocation/req-1/error") { Content = Json("""{"errorMessage":"m","errorType":"E"}""") };
        request.Headers.Add("Lambda-Runtime-Function-Error-Type", "E");
        request.Headers.Add("Lambda-Runtime-Function-XRay-Error-Cause", cause);

        using var post = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var error = (await invocation.Outcome).Error!;
        Assert.Equal(("E", cause), (error.ErrorType, error.XRayCause));
    }

    [Fact]
    public async Task InitError_Posted_ReportsTheError()
    {
        using var post = await _http.PostAsync("init/error", Json("""{"errorMessage":"bad config","errorType":"ArgumentException"}"""));

        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var error = await _session.InitError;
        Assert.Equal("ArgumentException", error.ErrorType);
        Assert.Equal("bad config", error.ErrorMessage);
    }

    private static PendingInvocation Invocation(string requestId, string? traceHeader) =>
        new(requestId, Encoding.UTF8.GetBytes("""{"a":1}"""), traceHeader, Deadline, Arn);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
