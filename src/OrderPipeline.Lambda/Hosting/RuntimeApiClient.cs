using System.Net;
using System.Net.Http.Headers;

namespace OrderPipeline.Lambda.Hosting;

/// <summary>The client of the Lambda Runtime API 2018-06-01 at <c>http://$AWS_LAMBDA_RUNTIME_API</c>.</summary>
internal sealed class RuntimeApiClient : IDisposable
{
    private const string ApiVersion = "2018-06-01";
    private const string NextPath = "runtime/invocation/next";
    private const string InitErrorPath = "runtime/init/error";
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http;

    /// <param name="runtimeApi">host:port, as in <c>AWS_LAMBDA_RUNTIME_API</c>.</param>
    public RuntimeApiClient(string runtimeApi)
    {
        // The next-invocation call is a long poll that may last as long as the environment idles: no timeout.
        // The API is on loopback, so no proxy applies.
        var handler = new SocketsHttpHandler { UseProxy = false, UseCookies = false };
        _http = new HttpClient(handler)
        {
            BaseAddress = new Uri($"http://{runtimeApi}/{ApiVersion}/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<Invocation> GetNextInvocationAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(NextPath, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, "GET", NextPath, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return RuntimeApiHeaders.ReadInvocation(response.Headers, body);
    }

    public Task PostResponseAsync(string requestId, byte[] response, CancellationToken cancellationToken) =>
        PostAsync(InvocationPath(requestId, "response"), response, errorType: null, errorCause: null, cancellationToken);

    /// <summary>
    /// Posts an invocation's error: the document is what <see cref="ErrorDocument.Create"/> writes, the cause (sent as
    /// <see cref="RuntimeApiHeaders.XRayErrorCause"/> when not null) what <see cref="ErrorCause.Create"/> writes.
    /// </summary>
    public Task PostInvocationErrorAsync(
        string requestId, string errorType, byte[] errorDocument, string? errorCause, CancellationToken cancellationToken) =>
        PostAsync(InvocationPath(requestId, "error"), errorDocument, errorType, errorCause, cancellationToken);

    /// <summary>Posts the error that ended initialization; document and cause as for an invocation's error.</summary>
    public Task PostInitErrorAsync(
        string errorType, byte[] errorDocument, string? errorCause, CancellationToken cancellationToken) =>
        PostAsync(InitErrorPath, errorDocument, errorType, errorCause, cancellationToken);

    public void Dispose() => _http.Dispose();

    private static string InvocationPath(string requestId, string outcome) =>
        $"runtime/invocation/{Uri.EscapeDataString(requestId)}/{outcome}";

    private async Task PostAsync(
        string path, byte[] body, string? errorType, string? errorCause, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation(RuntimeApiHeaders.FunctionErrorType, errorType);
        }

        if (errorCause is not null)
        {
            request.Headers.TryAddWithoutValidation(RuntimeApiHeaders.XRayErrorCause, errorCause);
        }

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, "POST", path, cancellationToken).ConfigureAwait(false);
    }

    private static async Task EnsureSuccessAsync(
        HttpResponseMessage response, string method, string path, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new RuntimeApiException(
                $"The Runtime API answered {(int)response.StatusCode} to {method} {path}: {detail}", response.StatusCode);
        }
    }
}

/// <summary>The Runtime API answered with an error status, or with an answer that breaks its contract.</summary>
internal sealed class RuntimeApiException : Exception
{
    public RuntimeApiException(string message)
        : base(message)
    {
    }

    public RuntimeApiException(string message, HttpStatusCode statusCode)
        : base(message)
    {
        StatusCode = statusCode;
    }

    /// <summary>The answer's status; null when the status was fine but the answer was not.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>
    /// The API refused one post (400, 403, 413: a bad id, a late or oversized result) and stays usable; any other
    /// failure (500 "container error" above all) means the runtime must exit.
    /// </summary>
    public bool IsRejection => StatusCode is >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError;
}
