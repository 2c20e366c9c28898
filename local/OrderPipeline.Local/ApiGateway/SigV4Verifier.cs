using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OrderPipeline.Local.ApiGateway;

/// <summary>
/// What API Gateway checks on a request to a method with <c>AWS_IAM</c> authorization, in its order, and the answer it
/// gives when one fails (https://docs.aws.amazon.com/apigateway/latest/developerguide/permissions.html,
/// https://repost.aws/knowledge-center/api-gateway-iam-sigv4-mismatch): no <c>Authorization</c> header; a malformed
/// one; a date that is not ISO 8601 basic; <c>host</c> not signed; a date more than 5 minutes from the clock; a
/// credential scope that is not <c>{date}/{region}/{service}/aws4_request</c>; an access key it does not know
/// (or a session token, which no local key has); a signature that differs from the one it computes. The payload line
/// of the canonical request is always the SHA-256 of the body received, as API Gateway's own
/// "should have been" canonical strings show. Query-string (presigned) authentication is not supported.
/// <c>service</c> is <c>execute-api</c> but for tests against the published test suite (service <c>service</c>).
/// </summary>
internal sealed class SigV4Verifier(
    LocalCredentials credentials, string region, TimeProvider time, string service = SigV4.ExecuteApiService)
{
    /// <summary>How far <c>X-Amz-Date</c> may be from the clock, either way.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    private const string HttpDateHeader = "Date";

    /// <summary>Null when the request is signed with the local credentials; otherwise API Gateway's refusal.</summary>
    public GatewayResponse? Verify(ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = request.Header(SigV4.AuthorizationHeader);
        if (string.IsNullOrEmpty(authorization))
        {
            return GatewayResponse.MissingAuthenticationToken;
        }

        var amzDate = request.Header(SigV4.DateHeader);
        var httpDate = amzDate is null ? request.Header(HttpDateHeader) : null;
        if (ParseAuthorization(authorization, amzDate is not null || httpDate is not null) is not { } header)
        {
            return Incomplete(authorization, amzDate is not null || httpDate is not null);
        }

        if (header.Refusal is { } refusal)
        {
            return refusal;
        }

        if (!TryParseDate(amzDate, httpDate, out var signedAt))
        {
            return GatewayResponse.IncompleteSignature(
                $"Date must be in ISO-8601 'basic format'. Got '{amzDate ?? httpDate}'. See http://en.wikipedia.org/wiki/ISO_8601");
        }

        var signedHeaders = header.SignedHeaders.Split(';');
        if (!signedHeaders.Contains("host", StringComparer.Ordinal))
        {
            return GatewayResponse.InvalidSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }

        var now = time.GetUtcNow();
        if (signedAt < now - MaxClockSkew)
        {
            return GatewayResponse.SignatureExpired(signedAt, now, MaxClockSkew);
        }

        if (signedAt > now + MaxClockSkew)
        {
            return GatewayResponse.SignatureNotYetCurrent(signedAt, now, MaxClockSkew);
        }

        var scope = header.Credential.Split('/');
        if (scope.Length != 5)
        {
            return GatewayResponse.IncompleteSignature(
                $"Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '{header.Credential}'");
        }

        var amzDateText = SigV4.FormatDateTime(signedAt);
        if (ScopeProblems(scope, amzDateText) is { Length: > 0 } problems)
        {
            return GatewayResponse.InvalidSignature(problems);
        }

        if (!string.Equals(scope[0], credentials.AccessKeyId, StringComparison.Ordinal)
            || request.Header(SigV4.SecurityTokenHeader) is not null)
        {
            return GatewayResponse.UnrecognizedClient;
        }

        var canonicalRequest = SigV4.CanonicalRequest(
            request.Method,
            SigV4.CanonicalUri(request.StagePath),
            SigV4.CanonicalQuery(request.Query),
            SigV4.CanonicalHeaders(signedHeaders, request.Headers),
            header.SignedHeaders,
            SigV4.PayloadHash(request.Body.Span));
        var stringToSign = SigV4.StringToSign(amzDateText, string.Join('/', scope[1..]), canonicalRequest);
        var expected = SigV4.Signature(
            SigV4.SigningKey(credentials.SecretAccessKey, scope[1], region, service), stringToSign);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(header.Signature))
            ? null
            : GatewayResponse.SignatureDoesNotMatch(canonicalRequest, stringToSign);
    }

    /// <summary>Each way the scope differs from <c>{date}/{region}/{service}/aws4_request</c>, in API Gateway's words.</summary>
    private string ScopeProblems(string[] scope, string amzDate)
    {
        var problems = new StringBuilder();
        if (!string.Equals(scope[2], region, StringComparison.Ordinal))
        {
            problems.Append(CultureInfo.InvariantCulture, $"Credential should be scoped to a valid region, not '{scope[2]}'. ");
        }

        if (!string.Equals(scope[3], service, StringComparison.Ordinal))
        {
            problems.Append(CultureInfo.InvariantCulture, $"Credential should be scoped to correct service: '{service}'. ");
        }

        if (!string.Equals(scope[4], SigV4.Terminator, StringComparison.Ordinal))
        {
            problems.Append(CultureInfo.InvariantCulture, $"Credential should be scoped with a valid terminator: '{SigV4.Terminator}', not '{scope[4]}'. ");
        }

        if (!string.Equals(scope[1], amzDate[..8], StringComparison.Ordinal))
        {
            problems.Append(CultureInfo.InvariantCulture,
                $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{scope[1]}' != '{amzDate[..8]}', from '{amzDate}'. ");
        }

        return problems.ToString();
    }

    private static bool TryParseDate(string? amzDate, string? httpDate, out DateTimeOffset signedAt)
    {
        if (amzDate is not null)
        {
            return DateTimeOffset.TryParseExact(
                amzDate, SigV4.DateTimeFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out signedAt);
        }

        return DateTimeOffset.TryParseExact(
            httpDate, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out signedAt);
    }

    /// <summary>The header's parts; null when one of Credential, SignedHeaders, Signature is missing.</summary>
    private static AuthorizationHeader? ParseAuthorization(string value, bool hasDate)
    {
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        var algorithm = space < 0 ? value : value[..space];
        var rest = space < 0 ? "" : value[(space + 1)..];
        if (!string.Equals(algorithm, SigV4.Algorithm, StringComparison.Ordinal))
        {
            // A bearer token sent to an IAM method: API Gateway does not echo it, it names its hash.
            var refusal = rest.Contains('=', StringComparison.Ordinal)
                ? GatewayResponse.IncompleteSignature($"Unsupported AWS 'algorithm': '{algorithm}'.")
                : GatewayResponse.IncompleteSignature(
                    "Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '"
                    + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(value))) + "'.");
            return new AuthorizationHeader("", "", "", refusal);
        }

        string? credential = null, signedHeaders = null, signature = null;
        foreach (var raw in rest.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = raw.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                return new AuthorizationHeader("", "", "", GatewayResponse.IncompleteSignature(
                    $"'{raw}' not a valid key=value pair (missing equal-sign) in Authorization header: '{value}'"));
            }

            var (key, part) = (raw[..equals], raw[(equals + 1)..]);
            switch (key)
            {
                case "Credential": credential = part; break;
                case "SignedHeaders": signedHeaders = part; break;
                case "Signature": signature = part; break;
            }
        }

        return credential is null || signedHeaders is null || signature is null || !hasDate
            ? null
            : new AuthorizationHeader(credential, signedHeaders, signature, null);
    }

    /// <summary>Every missing part, in API Gateway's order and words, then the algorithm as sent.</summary>
    private static GatewayResponse Incomplete(string authorization, bool hasDate)
    {
        var message = new StringBuilder();
        foreach (var part in (ReadOnlySpan<string>)["Credential", "Signature", "SignedHeaders"])
        {
            if (!authorization.Contains(part + "=", StringComparison.Ordinal))
            {
                message.Append(CultureInfo.InvariantCulture, $"Authorization header requires '{part}' parameter. ");
            }
        }

        if (!hasDate)
        {
            message.Append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }

        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        return GatewayResponse.IncompleteSignature(
            message.Append("Authorization=").Append(space < 0 ? authorization : authorization[..space]).ToString());
    }

    private sealed record AuthorizationHeader(string Credential, string SignedHeaders, string Signature, GatewayResponse? Refusal);
}
