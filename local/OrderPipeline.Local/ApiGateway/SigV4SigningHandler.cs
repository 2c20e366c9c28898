using System.Net.Http.Headers;

namespace OrderPipeline.Local.ApiGateway;

/// <summary>
/// Signs each request it sends with SigV4 (service <c>execute-api</c>) in the <c>Authorization</c> header form:
/// <c>X-Amz-Date</c> is set to the clock, and <c>content-type</c> (when there is a body), <c>host</c> and
/// <c>x-amz-date</c> are signed; the payload hash is the SHA-256 of the body
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html). What <c>demo</c>, <c>trial</c>,
/// <c>bench</c> and the tests use to call the local API Gateway's <c>AWS_IAM</c> methods.
/// </summary>
internal sealed class SigV4SigningHandler(LocalCredentials credentials, string region, TimeProvider time) : DelegatingHandler
{
    private const string HostHeader = "host";
    private const string ContentTypeHeader = "content-type";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await SignAsync(request, credentials, region, SigV4.ExecuteApiService, time.GetUtcNow(), cancellationToken)
            .ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds <c>X-Amz-Date</c> (<paramref name="signedAt"/>, whole seconds) and <c>Authorization</c> to
    /// <paramref name="request"/>, whose body is buffered so that the bytes hashed are the bytes sent.
    /// </summary>
    public static async Task SignAsync(
        HttpRequestMessage request, LocalCredentials credentials, string region, string service, DateTimeOffset signedAt,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        var body = request.Content is null
            ? []
            : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (request.Content is not null and not ByteArrayContent)
        {
            var buffered = new ByteArrayContent(body);
            foreach (var (name, values) in request.Content.Headers)
            {
                buffered.Headers.TryAddWithoutValidation(name, values);
            }

            request.Content = buffered;
        }

        var amzDate = SigV4.FormatDateTime(signedAt);
        request.Headers.Remove(SigV4.DateHeader);
        request.Headers.Remove(SigV4.AuthorizationHeader);
        request.Headers.TryAddWithoutValidation(SigV4.DateHeader, amzDate);
        var headers = new List<KeyValuePair<string, string[]>>();
        if (request.Content?.Headers.ContentType is { } contentType)
        {
            headers.Add(new(ContentTypeHeader, [contentType.ToString()]));
        }

        headers.Add(new(HostHeader, [request.Headers.Host ?? uri.Authority]));
        headers.Add(new(SigV4.DateHeader.ToLowerInvariant(), [amzDate]));
        var signedNames = headers.Select(header => header.Key).ToList();
        var signedHeaders = string.Join(';', signedNames);
        var canonicalRequest = SigV4.CanonicalRequest(
            request.Method.Method,
            SigV4.CanonicalUri(uri.AbsolutePath),
            SigV4.CanonicalQuery(QueryString.Parse(uri.Query)),
            SigV4.CanonicalHeaders(signedNames, headers),
            signedHeaders,
            SigV4.PayloadHash(body));
        var scope = SigV4.Scope(signedAt, region, service);
        var signature = SigV4.Signature(
            SigV4.SigningKey(credentials.SecretAccessKey, amzDate[..8], region, service),
            SigV4.StringToSign(amzDate, scope, canonicalRequest));
        request.Headers.Authorization = new AuthenticationHeaderValue(
            SigV4.Algorithm,
            $"Credential={credentials.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
    }
}
