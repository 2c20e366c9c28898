using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OrderPipeline.TestHelpers.Lambda;

/// <summary>
/// A Lambda Runtime API 2018-06-01 on loopback (Kestrel, a free port), for a runtime run in-process or as a process
/// with <c>AWS_LAMBDA_RUNTIME_API</c> = <see cref="Address"/>. <c>GET /runtime/invocation/next</c> is a long poll
/// over a queue of invocations; every post to <c>/response</c>, <c>/error</c> and <c>/init/error</c> is recorded
/// with its headers and body and answered 202. The header names are spelled here, not borrowed from the runtime, so
/// the runtime's spelling is checked against the contract.
/// </summary>
public sealed class RuntimeApiServer : IAsyncDisposable
{
    /// <summary>How long the <c>WaitFor…</c> methods wait before they throw <see cref="TimeoutException"/>.</summary>
    public static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The request header budget: Lambda's Runtime API is a Go net/http server (as its open-source Runtime Interface
    /// Emulator is), whose <c>DefaultMaxHeaderBytes</c> is 1 MiB, read with 4 KiB of slack; Kestrel's own default
    /// (32 KiB) would refuse X-Ray error causes that Lambda takes.
    /// </summary>
    public const int MaxRequestHeaderBytes = (1024 * 1024) + 4096;

    private const string Runtime = "/2018-06-01/runtime";

    private readonly WebApplication _app;
    private readonly Channel<RuntimeApiInvocation?> _next = Channel.CreateUnbounded<RuntimeApiInvocation?>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<RuntimeApiPost>> _results = new();
    private readonly TaskCompletionSource<RuntimeApiPost> _initError = NewCompletion();
    private readonly ConcurrentQueue<RuntimeApiPost> _posts = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _failNextPost;

    private RuntimeApiServer(WebApplication app) => _app = app;

    /// <summary><c>127.0.0.1:port</c>: the value of <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string Address => new Uri(_app.Urls.First()).Authority;

    /// <summary>Every post recorded so far, in arrival order.</summary>
    public IReadOnlyList<RuntimeApiPost> Posts => [.. _posts];

    public static async Task<RuntimeApiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestHeadersTotalSize = MaxRequestHeaderBytes;
            kestrel.Limits.MaxRequestBufferSize = MaxRequestHeaderBytes;
        });
        var app = builder.Build();
        var server = new RuntimeApiServer(app);
        app.MapGet($"{Runtime}/invocation/next", (RequestDelegate)server.NextAsync);
        app.MapPost($"{Runtime}/invocation/{{requestId}}/response",
            (RequestDelegate)(context => server.RecordAsync(context, RuntimeApiPostKind.Response)));
        app.MapPost($"{Runtime}/invocation/{{requestId}}/error",
            (RequestDelegate)(context => server.RecordAsync(context, RuntimeApiPostKind.InvocationError)));
        app.MapPost($"{Runtime}/init/error",
            (RequestDelegate)(context => server.RecordAsync(context, RuntimeApiPostKind.InitError)));
        await app.StartAsync();
        return server;
    }

    public void Enqueue(RuntimeApiInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        Completion(invocation.RequestId);
        _next.Writer.TryWrite(invocation);
    }

    /// <summary>Queues an invocation of <paramref name="eventJson"/> with a new request id and default headers.</summary>
    public RuntimeApiInvocation Enqueue(string eventJson)
    {
        var invocation = new RuntimeApiInvocation(Guid.NewGuid().ToString(), Encoding.UTF8.GetBytes(eventJson));
        Enqueue(invocation);
        return invocation;
    }

    /// <summary>The <c>GET /next</c> that reaches this place in the queue is answered 500 (container error).</summary>
    public void EnqueueServerError() => _next.Writer.TryWrite(null);

    /// <summary>The next post of any kind is answered 500 (container error) and not recorded.</summary>
    public void FailNextPost() => Interlocked.Exchange(ref _failNextPost, 1);

    /// <summary>The first <c>/response</c> or <c>/error</c> post for <paramref name="requestId"/>.</summary>
    public Task<RuntimeApiPost> WaitForResultAsync(string requestId, CancellationToken cancellationToken = default) =>
        Completion(requestId).Task.WaitAsync(WaitTimeout, cancellationToken);

    public Task<RuntimeApiPost> WaitForInitErrorAsync(CancellationToken cancellationToken = default) =>
        _initError.Task.WaitAsync(WaitTimeout, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task NextAsync(HttpContext context)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        RuntimeApiInvocation? invocation;
        try
        {
            invocation = await _next.Reader.ReadAsync(waiting.Token);
        }
        catch (OperationCanceledException)
        {
            context.Abort();
            return;
        }

        if (invocation is null)
        {
            await AnswerServerErrorAsync(context);
            return;
        }

        var headers = context.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] =
            invocation.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = invocation.InvokedFunctionArn;
        if (invocation.TraceHeader is not null)
        {
            headers["Lambda-Runtime-Trace-Id"] = invocation.TraceHeader;
        }

        if (invocation.ClientContext is not null)
        {
            headers["Lambda-Runtime-Client-Context"] = invocation.ClientContext;
        }

        if (invocation.CognitoIdentity is not null)
        {
            headers["Lambda-Runtime-Cognito-Identity"] = invocation.CognitoIdentity;
        }

        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(invocation.Event, context.RequestAborted);
    }

    private async Task RecordAsync(HttpContext context, RuntimeApiPostKind kind)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        if (Interlocked.Exchange(ref _failNextPost, 0) == 1)
        {
            await AnswerServerErrorAsync(context);
            return;
        }

        var requestId = context.Request.RouteValues["requestId"] as string;
        var headers = context.Request.Headers.ToDictionary(
            header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var post = new RuntimeApiPost(kind, requestId, headers, body.ToArray());
        _posts.Enqueue(post);
        (requestId is null ? _initError : Completion(requestId)).TrySetResult(post);

        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("""{"status":"OK"}""", context.RequestAborted);
    }

    private static async Task AnswerServerErrorAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(
            """{"errorMessage":"Container error (fault injected by the test)","errorType":"ContainerError"}""",
            context.RequestAborted);
    }

    private TaskCompletionSource<RuntimeApiPost> Completion(string requestId) =>
        _results.GetOrAdd(requestId, _ => NewCompletion());

    private static TaskCompletionSource<RuntimeApiPost> NewCompletion() =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
