using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OrderPipeline.Local.ApiGateway;

/// <summary>
/// The answers API Gateway gives itself (its gateway responses): status, <c>{"message":"…"}</c> and, where API Gateway
/// sends one, the <c>x-amzn-ErrorType</c> header.
/// </summary>
internal sealed record GatewayResponse(int StatusCode, string Message, string? ErrorType)
{
    public const string ErrorTypeHeader = "x-amzn-ErrorType";

    /// <summary>
    /// No route for the stage, path and method (API Gateway does not say which), or a request without an
    /// <c>Authorization</c> header to an <c>AWS_IAM</c> method (gateway response MISSING_AUTHENTICATION_TOKEN).
    /// </summary>
    public static GatewayResponse MissingAuthenticationToken { get; } =
        new(403, "Missing Authentication Token", "MissingAuthenticationTokenException");

    /// <summary>
    /// Signed with an access key IAM does not know (or a session token that is not valid).
    /// https://repost.aws/knowledge-center/api-gateway-iam-sigv4-mismatch: "If the access key is incorrect, then you
    /// receive the following error: The security token included in the request is invalid."
    /// </summary>
    public static GatewayResponse UnrecognizedClient { get; } =
        new(403, "The security token included in the request is invalid.", "UnrecognizedClientException");

    /// <summary>
    /// The signature differs from the one API Gateway computes: it says what it signed (gateway response
    /// INVALID_SIGNATURE, https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html).
    /// </summary>
    public static GatewayResponse SignatureDoesNotMatch(string canonicalRequest, string stringToSign) =>
        InvalidSignature(
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret "
            + "Access Key and signing method. Consult the service documentation for details.\n\n"
            + $"The Canonical String for this request should have been\n'{canonicalRequest}'\n\n"
            + $"The String-to-Sign should have been\n'{stringToSign}'\n");

    /// <summary>
    /// <c>X-Amz-Date</c> is older than the clock minus <paramref name="skew"/>, in API Gateway's words (an execute-api
    /// answer quoted in github.com/mhart/aws4/issues/118: "Signature expired: 20201027T123008Z is now earlier than
    /// 20201027T125507Z (20201027T130007Z - 5 min.)").
    /// </summary>
    public static GatewayResponse SignatureExpired(DateTimeOffset signedAt, DateTimeOffset now, TimeSpan skew) =>
        InvalidSignature(string.Create(
            CultureInfo.InvariantCulture,
            $"Signature expired: {Format(signedAt)} is now earlier than {Format(now - skew)} ({Format(now)} - {skew.TotalMinutes:0} min.)"));

    /// <summary><c>X-Amz-Date</c> is later than the clock plus <paramref name="skew"/>.</summary>
    public static GatewayResponse SignatureNotYetCurrent(DateTimeOffset signedAt, DateTimeOffset now, TimeSpan skew) =>
        InvalidSignature(string.Create(
            CultureInfo.InvariantCulture,
            $"Signature not yet current: {Format(signedAt)} is still later than {Format(now + skew)} ({Format(now)} + {skew.TotalMinutes:0} min.)"));

    /// <summary>
    /// A signed request API Gateway refuses for what was signed: its scope (for example "Credential should be scoped to
    /// a valid region, not 'eu-west-1'. ", with the trailing space API Gateway sends), its headers, its signature.
    /// </summary>
    public static GatewayResponse InvalidSignature(string message) => new(403, message, "InvalidSignatureException");

    /// <summary>An <c>Authorization</c> header API Gateway cannot read.</summary>
    public static GatewayResponse IncompleteSignature(string message) => new(403, message, "IncompleteSignatureException");

    /// <summary>
    /// The stage's throttling refused the request (gateway response THROTTLED, 429,
    /// https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html). The
    /// documentation gives no body or header; this is what API Gateway sends: <c>{"message":"Too Many Requests"}</c> and
    /// <c>x-amzn-ErrorType: TooManyRequestsException</c>, with no <c>Retry-After</c>.
    /// </summary>
    public static GatewayResponse TooManyRequests { get; } = new(429, "Too Many Requests", "TooManyRequestsException");

    /// <summary>
    /// Lambda refused the invocation (throttled: TooManyRequestsException): "If the Lambda API rejects the invocation
    /// request, API Gateway returns a 500 error code", body <c>{"message": "Internal server error"}</c>
    /// (https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html). Not a 429: the client did
    /// nothing wrong, and API Gateway does not retry.
    /// </summary>
    public static GatewayResponse InvocationRejected { get; } =
        new(500, "Internal server error", "InternalServerErrorException");

    /// <summary>The function failed, or its response is not a valid proxy response.</summary>
    public static GatewayResponse InternalServerError { get; } =
        new(502, "Internal server error", "InternalServerErrorException");

    /// <summary>The integration took longer than the integration timeout.</summary>
    public static GatewayResponse EndpointTimedOut { get; } = new(504, "Endpoint request timed out", null);

    /// <summary>The request body is over the payload limit.</summary>
    public static GatewayResponse RequestTooLong { get; } = new(413, "Request Too Long", null);

    /// <summary>API Gateway writes quotes and other printable characters as they are (<c>'eu-west-1'</c>, not <c>\u0027</c>).</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Format(DateTimeOffset value) => SigV4.FormatDateTime(value);

    public ProxyResponse ToProxyResponse()
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("message", Message);
            writer.WriteEndObject();
        }

        var headers = new List<KeyValuePair<string, string[]>> { new("Content-Type", ["application/json"]) };
        if (ErrorType is not null)
        {
            headers.Add(new(ErrorTypeHeader, [ErrorType]));
        }

        return new ProxyResponse(StatusCode, headers, buffer.WrittenSpan.ToArray());
    }
}
