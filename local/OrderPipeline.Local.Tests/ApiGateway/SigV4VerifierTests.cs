using System.Text;
using OrderPipeline.Local.ApiGateway;
using OrderPipeline.TestHelpers.Time;
using static OrderPipeline.Local.Tests.ApiGateway.SigV4TestSuite;

namespace OrderPipeline.Local.Tests.ApiGateway;

// The verifier against signatures it did not make: AWS's published test suite (aws-sig-v4-test-suite) and the AWS SDK
// for .NET's AWS4Signer. Answers as API Gateway gives them for an AWS_IAM method
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/permissions.html,
// https://repost.aws/knowledge-center/api-gateway-iam-sigv4-mismatch).
public sealed class SigV4VerifierTests
{
    private static readonly KeyValuePair<string, string[]>[] VanillaHeaders =
        [Header("Host", Host), Header("X-Amz-Date", AmzDate)];

    private static SigV4Verifier Verifier(DateTimeOffset? now = null, LocalCredentials? credentials = null) =>
        new(credentials ?? Credentials, Region, new ManualTimeProvider(now ?? SignedAt), Service);

    private static KeyValuePair<string, string[]>[] With(string authorization, params KeyValuePair<string, string[]>[] headers) =>
        [.. headers, Header("Authorization", authorization)];

    [Fact]
    public void Verify_TestSuiteGetVanilla_Accepts()
    {
        Assert.Null(Verifier().Verify(Request("GET", "/", With(GetVanillaAuthorization, VanillaHeaders))));
    }

    [Fact]
    public void Verify_TestSuiteGetVanillaQueryOrderKeyCase_Accepts()
    {
        var request = Request("GET", "/?Param2=value2&Param1=value1", With(GetVanillaQueryOrderKeyCaseAuthorization, VanillaHeaders));

        Assert.Null(Verifier().Verify(request));
    }

    [Fact]
    public void Verify_TestSuitePostXWwwFormUrlencoded_Accepts()
    {
        var request = Request(
            "POST", "/", With(PostFormAuthorization, Header("Content-Type", FormContentType), Header("Host", Host), Header("X-Amz-Date", AmzDate)),
            FormBody);

        Assert.Null(Verifier().Verify(request));
    }

    [Fact]
    public void Verify_AnotherSecret_AnswersWhatItSignedAsTheSuiteWritesIt()
    {
        var refusal = Verifier(credentials: Credentials with { SecretAccessKey = "another" })
            .Verify(Request("GET", "/", With(GetVanillaAuthorization, VanillaHeaders)));

        Assert.Equal(
            GatewayResponse.InvalidSignature(
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key "
                + "and signing method. Consult the service documentation for details.\n\n"
                + $"The Canonical String for this request should have been\n'{GetVanillaCanonicalRequest}'\n\n"
                + $"The String-to-Sign should have been\n'{GetVanillaStringToSign}'\n"),
            refusal);
    }

    [Fact]
    public void Verify_BodyChangedAfterSigning_RefusesWithTheReceivedBodysHash()
    {
        var request = Request(
            "POST", "/", With(PostFormAuthorization, Header("Content-Type", FormContentType), Header("Host", Host), Header("X-Amz-Date", AmzDate)),
            Encoding.UTF8.GetBytes("Param1=value2"));

        var refusal = Verifier().Verify(request);

        Assert.Equal("InvalidSignatureException", refusal!.ErrorType);
        Assert.Contains(SigV4.PayloadHash(Encoding.UTF8.GetBytes("Param1=value2")) + "'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SignedWithUnsignedPayload_RefusedWithTheBodysHash()
    {
        // The canonical request's last line is the hash of the body received, whatever x-amz-content-sha256 says
        // (README, known differences: AWS does not document UNSIGNED-PAYLOAD for execute-api).
        var signedAt = SignedAt;
        var headers = new[] { Header("Host", Host), Header("X-Amz-Date", AmzDate), Header("x-amz-content-sha256", "UNSIGNED-PAYLOAD") };
        var canonical = SigV4.CanonicalRequest(
            "POST", "/", "", SigV4.CanonicalHeaders(["host", "x-amz-content-sha256", "x-amz-date"], headers),
            "host;x-amz-content-sha256;x-amz-date", "UNSIGNED-PAYLOAD");
        var signature = SigV4.Signature(
            SigV4.SigningKey(Credentials.SecretAccessKey, "20150830", Region, Service),
            SigV4.StringToSign(AmzDate, SigV4.Scope(signedAt, Region, Service), canonical));
        var authorization = $"AWS4-HMAC-SHA256 Credential={Scope}, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature={signature}";

        var refusal = Verifier().Verify(Request("POST", "/", With(authorization, headers), FormBody));

        Assert.Equal("InvalidSignatureException", refusal!.ErrorType);
        Assert.Contains(SigV4.PayloadHash(FormBody) + "'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_NoAuthorization_MissingAuthenticationToken()
    {
        Assert.Same(GatewayResponse.MissingAuthenticationToken, Verifier().Verify(Request("GET", "/", VanillaHeaders)));
    }

    [Fact]
    public void Verify_OnlyAQueryStringSignature_MissingAuthenticationToken()
    {
        // Presigned URLs are not supported locally (README, known differences): the request counts as unsigned.
        var request = Request(
            "GET",
            $"/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential={Uri.EscapeDataString(Scope)}&X-Amz-Date={AmzDate}"
            + "&X-Amz-SignedHeaders=host&X-Amz-Signature=0000",
            [Header("Host", Host)]);

        Assert.Same(GatewayResponse.MissingAuthenticationToken, Verifier().Verify(request));
    }

    [Fact]
    public void Verify_UnknownAccessKey_UnrecognizedClient()
    {
        var refusal = Verifier(credentials: Credentials with { AccessKeyId = "LOCALEXAMPLEKEY00001" })
            .Verify(Request("GET", "/", With(GetVanillaAuthorization, VanillaHeaders)));

        Assert.Equal(new GatewayResponse(403, "The security token included in the request is invalid.", "UnrecognizedClientException"), refusal);
    }

    [Fact]
    public void Verify_SessionToken_UnrecognizedClient()
    {
        // The local key is a long-term key: no session token is valid with it (README, known differences).
        var request = Request("GET", "/", With(GetVanillaAuthorization, [.. VanillaHeaders, Header("X-Amz-Security-Token", "token")]));

        Assert.Same(GatewayResponse.UnrecognizedClient, Verifier().Verify(request));
    }

    [Fact]
    public void Verify_DateOverFiveMinutesOld_SignatureExpired()
    {
        var refusal = Verifier(SignedAt.AddMinutes(5).AddSeconds(1)).Verify(Request("GET", "/", With(GetVanillaAuthorization, VanillaHeaders)));

        Assert.Equal(
            GatewayResponse.InvalidSignature(
                "Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z (20150830T124101Z - 5 min.)"),
            refusal);
    }

    [Fact]
    public void Verify_DateOverFiveMinutesAhead_SignatureNotYetCurrent()
    {
        var refusal = Verifier(SignedAt.AddMinutes(-5).AddSeconds(-1)).Verify(Request("GET", "/", With(GetVanillaAuthorization, VanillaHeaders)));

        Assert.Equal(
            GatewayResponse.InvalidSignature(
                "Signature not yet current: 20150830T123600Z is still later than 20150830T123559Z (20150830T123059Z + 5 min.)"),
            refusal);
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(5)]
    public void Verify_DateFiveMinutesFromTheClock_Accepts(int minutes)
    {
        Assert.Null(Verifier(SignedAt.AddMinutes(minutes)).Verify(Request("GET", "/", With(GetVanillaAuthorization, VanillaHeaders))));
    }

    [Fact]
    public void Verify_ScopedToAnotherRegionAndService_NamesBoth()
    {
        var authorization = GetVanillaAuthorization.Replace("us-east-1/service", "eu-west-1/lambda", StringComparison.Ordinal);

        var refusal = Verifier().Verify(Request("GET", "/", With(authorization, VanillaHeaders)));

        Assert.Equal(
            GatewayResponse.InvalidSignature(
                "Credential should be scoped to a valid region, not 'eu-west-1'. Credential should be scoped to correct service: 'service'. "),
            refusal);
    }

    [Fact]
    public void Verify_AuthorizationWithoutItsParts_NamesEachMissingPart()
    {
        var refusal = Verifier().Verify(Request("GET", "/", [Header("Host", Host), Header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE")]));

        Assert.Equal(
            GatewayResponse.IncompleteSignature(
                "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. "
                + "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256"),
            refusal);
    }

    [Fact]
    public void Verify_BearerToken_IncompleteSignatureNamingItsHashOnly()
    {
        var refusal = Verifier().Verify(Request("GET", "/", With("Bearer eyJhbGciOiJub25lIn0", VanillaHeaders)));

        Assert.Equal("IncompleteSignatureException", refusal!.ErrorType);
        Assert.StartsWith("Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '",
            refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_HostNotSigned_InvalidSignature()
    {
        var authorization = GetVanillaAuthorization.Replace("SignedHeaders=host;x-amz-date", "SignedHeaders=x-amz-date", StringComparison.Ordinal);

        var refusal = Verifier().Verify(Request("GET", "/", With(authorization, VanillaHeaders)));

        Assert.Equal(GatewayResponse.InvalidSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."), refusal);
    }

    [Fact]
    public void Verify_DateNotIso8601Basic_IncompleteSignature()
    {
        var request = Request("GET", "/", With(GetVanillaAuthorization, Header("Host", Host), Header("X-Amz-Date", "2015-08-30T12:36:00Z")));

        Assert.Equal(
            GatewayResponse.IncompleteSignature(
                "Date must be in ISO-8601 'basic format'. Got '2015-08-30T12:36:00Z'. See http://en.wikipedia.org/wiki/ISO_8601"),
            Verifier().Verify(request));
    }

    [Theory]
    [InlineData("/v1/orders", "", "application/json", "{\"k\":\"v\"}")]
    [InlineData("/v1/orders/a b", "b=x y&a=1+2&utf=ሴ", null, "")]
    [InlineData("/v1/files/report~1.txt", "flag=&Z=last", "text/plain; charset=utf-8", "body")]
    public void Verify_SignedByTheAwsSdk_Accepts(string path, string query, string? contentType, string body)
    {
        var parameters = query.Length == 0
            ? []
            : query.Split('&').Select(part => part.Split('=')).Select(pair => new KeyValuePair<string, string>(pair[0], pair[1])).ToList();
        var credentials = LocalCredentials.Default;
        using var signed = AwsSdkSigner.Sign(
            contentType is null ? HttpMethod.Get : HttpMethod.Post, new Uri("http://127.0.0.1:3000"), path, parameters, contentType,
            Encoding.UTF8.GetBytes(body), credentials, "us-east-1", GatewayFixture.Now);
        var verifier = new SigV4Verifier(credentials, "us-east-1", new ManualTimeProvider(GatewayFixture.Now));

        Assert.Null(verifier.Verify(FromHttpRequest(signed, Encoding.UTF8.GetBytes(body))));
    }

    /// <summary>The request as Kestrel would hand it over: raw target, every header with the Host HttpClient sends.</summary>
    private static ApiRequest FromHttpRequest(HttpRequestMessage message, byte[] body)
    {
        var uri = message.RequestUri!;
        var headers = message.Headers.Select(header => Header(header.Key, [.. header.Value])).ToList();
        headers.Add(Header("Host", uri.Authority));
        if (message.Content is not null)
        {
            headers.AddRange(message.Content.Headers.Select(header => Header(header.Key, [.. header.Value])));
        }

        return Request(message.Method.Method, uri.PathAndQuery, headers, body);
    }
}
