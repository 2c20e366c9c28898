using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OrderPipeline.Local.Lambda;

/// <summary>
/// The Runtime API of one function instance: Kestrel on its own loopback port, so that
/// <c>AWS_LAMBDA_RUNTIME_API</c> is a plain <c>host:port</c> as in Lambda. Posts for any request id but the one the
/// runtime holds are answered 400 <c>InvalidRequestID</c>, as Lambda does.
/// </summary>
internal sealed class RuntimeApiEndpoint : IAsyncDisposable
{
    private const string Accepted = """{"status":"OK"}""";
    private const string InvalidRequestId = """{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}""";

    private readonly WebApplication _app;
    private readonly RuntimeApiSession _session;
    private readonly CancellationTokenSource _stopping = new();

    private RuntimeApiEndpoint(WebApplication app, RuntimeApiSession session)
    {
        _app = app;
        _session = session;
    }

    /// <summary><c>127.0.0.1:port</c>: the value of <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string Address => new Uri(_app.Urls.First()).Authority;

    public static async Task<RuntimeApiEndpoint> StartAsync(RuntimeApiSession session, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestHeadersTotalSize = RuntimeApiProtocol.MaxRequestHeaderBytes;
            kestrel.Limits.MaxRequestBufferSize = RuntimeApiProtocol.MaxRequestHeaderBytes;
        });
        var app = builder.Build();
        var endpoint = new RuntimeApiEndpoint(app, session);
        app.MapGet(RuntimeApiProtocol.NextPath, (RequestDelegate)endpoint.NextAsync);
        app.MapPost(RuntimeApiProtocol.ResponsePath, (RequestDelegate)endpoint.ResponseAsync);
        app.MapPost(RuntimeApiProtocol.ErrorPath, (RequestDelegate)endpoint.ErrorAsync);
        app.MapPost(RuntimeApiProtocol.InitErrorPath, (RequestDelegate)endpoint.InitErrorAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task NextAsync(HttpContext context)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        PendingInvocation invocation;
        try
        {
            invocation = await _session.TakeNextAsync(waiting.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            context.Abort();
            return;
        }

        var headers = context.Response.Headers;
        headers[RuntimeApiProtocol.RequestIdHeader] = invocation.RequestId;
        headers[RuntimeApiProtocol.DeadlineMsHeader] =
            invocation.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers[RuntimeApiProtocol.InvokedFunctionArnHeader] = invocation.FunctionArn;
        if (invocation.TraceHeader is not null)
        {
            headers[RuntimeApiProtocol.TraceIdHeader] = invocation.TraceHeader;
        }

        context.Response.ContentType = RuntimeApiProtocol.JsonContentType;
        await context.Response.Body.WriteAsync(invocation.Payload, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task ResponseAsync(HttpContext context)
    {
        var started = _session.Timestamp();
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var outcome = new RuntimeOutcome(body, null) { Transfer = _session.Since(started) };
        await AnswerAsync(context, _session.TryComplete(RequestId(context), outcome)).ConfigureAwait(false);
    }

    private async Task ErrorAsync(HttpContext context)
    {
        var error = LambdaErrors.FromPost(
            Header(context, RuntimeApiProtocol.FunctionErrorTypeHeader),
            await ReadBodyAsync(context).ConfigureAwait(false),
            Header(context, RuntimeApiProtocol.XRayErrorCauseHeader));
        await AnswerAsync(context, _session.TryComplete(RequestId(context), RuntimeOutcome.Failed(error)))
            .ConfigureAwait(false);
    }

    private async Task InitErrorAsync(HttpContext context)
    {
        var error = LambdaErrors.FromPost(
            Header(context, RuntimeApiProtocol.FunctionErrorTypeHeader),
            await ReadBodyAsync(context).ConfigureAwait(false),
            Header(context, RuntimeApiProtocol.XRayErrorCauseHeader));
        _session.ReportInitError(error);
        await AnswerAsync(context, accepted: true).ConfigureAwait(false);
    }

    private static string RequestId(HttpContext context) =>
        context.Request.RouteValues[RuntimeApiProtocol.RequestIdRouteValue] as string ?? string.Empty;

    private static string? Header(HttpContext context, string name) =>
        context.Request.Headers.TryGetValue(name, out var value) ? value.ToString() : null;

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        return body.ToArray();
    }

    private static Task AnswerAsync(HttpContext context, bool accepted)
    {
        context.Response.StatusCode = accepted ? StatusCodes.Status202Accepted : StatusCodes.Status400BadRequest;
        context.Response.ContentType = RuntimeApiProtocol.JsonContentType;
        return context.Response.WriteAsync(accepted ? Accepted : InvalidRequestId, context.RequestAborted);
    }
}

/// <summary>The paths and headers of the Lambda Runtime API 2018-06-01, as the local service serves them.</summary>
internal static class RuntimeApiProtocol
{
    public const string Runtime = "/2018-06-01/runtime";
    public const string NextPath = Runtime + "/invocation/next";
    public const string ResponsePath = Runtime + "/invocation/{requestId}/response";
    public const string ErrorPath = Runtime + "/invocation/{requestId}/error";
    public const string InitErrorPath = Runtime + "/init/error";
    public const string RequestIdRouteValue = "requestId";

    public const string RequestIdHeader = "Lambda-Runtime-Aws-Request-Id";
    public const string DeadlineMsHeader = "Lambda-Runtime-Deadline-Ms";
    public const string InvokedFunctionArnHeader = "Lambda-Runtime-Invoked-Function-Arn";
    public const string TraceIdHeader = "Lambda-Runtime-Trace-Id";
    public const string FunctionErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";
    public const string XRayErrorCauseHeader = "Lambda-Runtime-Function-XRay-Error-Cause";

    /// <summary>
    /// The request header budget, as Lambda's: its Runtime API is a Go net/http server (the open-source Runtime
    /// Interface Emulator is), whose <c>DefaultMaxHeaderBytes</c> is 1 MiB, read with 4 KiB of slack. AWS's runtime
    /// clients send <c>Lambda-Runtime-Function-XRay-Error-Cause</c> up to just below 1 MiB; Kestrel's default (32 KiB)
    /// would answer a large cause 431 and lose the error.
    /// </summary>
    public const int MaxRequestHeaderBytes = (1024 * 1024) + 4096;

    public const string JsonContentType = "application/json";
}
