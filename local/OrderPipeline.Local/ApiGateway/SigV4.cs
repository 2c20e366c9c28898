using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OrderPipeline.Local.ApiGateway;

/// <summary>
/// Signature Version 4 as the AWS documentation specifies it, for services other than S3: the canonical request, the
/// string to sign, the signing key and the signature.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html (steps 1 to 4) and
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-signing-elements.html.
/// Both the local API Gateway's verifier and the local clients' signer compute with it; the tests check it against
/// the published aws-sig-v4-test-suite and the AWS SDK for .NET's signer, neither of which it shares code with.
/// </summary>
internal static class SigV4
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string Terminator = "aws4_request";
    public const string ExecuteApiService = "execute-api";
    public const string AuthorizationHeader = "Authorization";
    public const string DateHeader = "X-Amz-Date";
    public const string SecurityTokenHeader = "X-Amz-Security-Token";

    /// <summary>ISO 8601 basic format, UTC: <c>20150830T123600Z</c>.</summary>
    public const string DateTimeFormat = "yyyyMMdd'T'HHmmss'Z'";

    public const string DateFormat = "yyyyMMdd";

    /// <summary>
    /// The absolute path as the canonical request holds it: dot segments and empty segments removed (RFC 3986
    /// section 5.2.4, as the test suite's normalize-path cases do), then every byte but the unreserved characters and
    /// <c>/</c> percent-encoded. <paramref name="path"/> is the path as sent, so an already percent-encoded path is
    /// encoded a second time, as the documentation requires for every service but S3.
    /// </summary>
    public static string CanonicalUri(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(UriEncode(segment));
        }

        var trailing = segments.Count > 0 && (path.EndsWith('/') || path.EndsWith("/.", StringComparison.Ordinal)
            || path.EndsWith("/..", StringComparison.Ordinal));
        return "/" + string.Join('/', segments) + (trailing ? "/" : "");
    }

    /// <summary>
    /// Decoded parameters, each name and value percent-encoded, sorted by name then value (ordinal, on the encoded
    /// form), joined with <c>&amp;</c>; <paramref name="parameters"/> as <see cref="QueryString.Parse"/> gives them.
    /// </summary>
    public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return string.Join('&', parameters
            .Select(parameter => (Name: UriEncode(parameter.Key), Value: UriEncode(parameter.Value)))
            .OrderBy(parameter => parameter.Name, StringComparer.Ordinal)
            .ThenBy(parameter => parameter.Value, StringComparer.Ordinal)
            .Select(parameter => parameter.Name + "=" + parameter.Value));
    }

    /// <summary>
    /// One <c>name:value\n</c> line per signed header, in <paramref name="signedHeaders"/>' order (lower case, sorted):
    /// the header's values trimmed, runs of spaces folded into one, repeated headers joined with commas.
    /// </summary>
    public static string CanonicalHeaders(
        IReadOnlyList<string> signedHeaders, IReadOnlyList<KeyValuePair<string, string[]>> headers)
    {
        ArgumentNullException.ThrowIfNull(signedHeaders);
        ArgumentNullException.ThrowIfNull(headers);
        var text = new StringBuilder();
        foreach (var name in signedHeaders)
        {
            var values = headers
                .Where(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
                .SelectMany(header => header.Value)
                .Select(FoldSpaces);
            text.Append(name).Append(':').AppendJoin(',', values).Append('\n');
        }

        return text.ToString();
    }

    public static string CanonicalRequest(
        string method, string canonicalUri, string canonicalQuery, string canonicalHeaders, string signedHeaders,
        string payloadHash) =>
        $"{method}\n{canonicalUri}\n{canonicalQuery}\n{canonicalHeaders}\n{signedHeaders}\n{payloadHash}";

    /// <summary><c>{date}/{region}/{service}/aws4_request</c>.</summary>
    public static string Scope(DateTimeOffset signedAt, string region, string service) =>
        $"{signedAt.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture)}/{region}/{service}/{Terminator}";

    public static string StringToSign(string amzDate, string scope, string canonicalRequest) =>
        $"{Algorithm}\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

    /// <summary>HMAC-SHA256 over the date, region, service and terminator in turn, keyed first by <c>AWS4{secret}</c>.</summary>
    public static byte[] SigningKey(string secretAccessKey, string date, string region, string service)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Terminator));
    }

    /// <summary>Lower-case hex of HMAC-SHA256(signing key, string to sign).</summary>
    public static string Signature(byte[] signingKey, string stringToSign) =>
        Hex(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(stringToSign)));

    /// <summary>Lower-case hex SHA-256 of the body: the canonical request's last line.</summary>
    public static string PayloadHash(ReadOnlySpan<byte> body) => Hex(SHA256.HashData(body));

    /// <summary>UTF-8 bytes, each but <c>A-Z a-z 0-9 - . _ ~</c> written <c>%XY</c> (upper-case hex).</summary>
    public static string UriEncode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
                or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    public static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    private static string FoldSpaces(string value)
    {
        var text = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value.AsSpan().Trim())
        {
            if (c == ' ')
            {
                space = true;
                continue;
            }

            if (space)
            {
                text.Append(' ');
                space = false;
            }

            text.Append(c);
        }

        return text.ToString();
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}

/// <summary>
/// The one IAM access key the local API Gateway knows: requests to an <c>AWS_IAM</c> method must be signed with it
/// (SigV4, service <c>execute-api</c>). Not a secret: it exists only on this machine, and <c>up</c> prints it.
/// </summary>
internal sealed record LocalCredentials(string AccessKeyId, string SecretAccessKey)
{
    /// <summary>Overrides <see cref="Default"/>'s access key id for <c>up</c>.</summary>
    public const string AccessKeyIdVariable = "ORDERPIPELINE_LOCAL_ACCESS_KEY_ID";

    /// <summary>Overrides <see cref="Default"/>'s secret access key for <c>up</c>.</summary>
    public const string SecretAccessKeyVariable = "ORDERPIPELINE_LOCAL_SECRET_ACCESS_KEY";

    /// <summary>Shaped like an IAM user's key (20 characters; a 40-character secret), and plainly not one.</summary>
    public static LocalCredentials Default { get; } =
        new("LOCALEXAMPLEKEY00001", "LocalExampleSecretKey/OrderPipeline+0001");

    /// <summary>
    /// <see cref="Default"/>, with either half replaced by <see cref="AccessKeyIdVariable"/> or
    /// <see cref="SecretAccessKeyVariable"/> when <paramref name="variable"/> gives a non-empty value for it.
    /// </summary>
    public static LocalCredentials FromEnvironment(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return new LocalCredentials(
            NonEmpty(variable(AccessKeyIdVariable)) ?? Default.AccessKeyId,
            NonEmpty(variable(SecretAccessKeyVariable)) ?? Default.SecretAccessKey);
    }

    /// <summary>The <c>curl</c> arguments that sign a request with these credentials for <paramref name="region"/>.</summary>
    public string CurlArguments(string region) =>
        $"--aws-sigv4 \"aws:amz:{region}:{SigV4.ExecuteApiService}\" --user \"{AccessKeyId}:{SecretAccessKey}\"";

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
