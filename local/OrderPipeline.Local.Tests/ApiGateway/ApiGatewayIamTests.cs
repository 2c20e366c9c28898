using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OrderPipeline.Local.ApiGateway;
using OrderPipeline.TestHelpers.Time;

namespace OrderPipeline.Local.Tests.ApiGateway;

// AWS_IAM methods through the local API Gateway over real HTTP, as API Gateway answers them
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/permissions.html; gateway responses
// MISSING_AUTHENTICATION_TOKEN and INVALID_SIGNATURE, 403,
// https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html).
public sealed class ApiGatewayIamTests : IAsyncLifetime
{
    private const string Resources = """
          Secured:
            Type: AWS::Serverless::Api
            Properties:
              StageName: prod
              Auth:
                DefaultAuthorizer: AWS_IAM
                InvokeRole: NONE
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Events:
                Post:
                  Type: Api
                  Properties:
                    RestApiId: !Ref Secured
                    Path: /orders/{id}
                    Method: post
                Health:
                  Type: Api
                  Properties:
                    RestApiId: !Ref Secured
                    Path: /health
                    Method: get
                    Auth:
                      Authorizer: NONE

        """;

    private static readonly byte[] Order = Encoding.UTF8.GetBytes("""{"customerId":"c-1"}""");

    private GatewayFixture _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayFixture.StartAsync(resources: Resources);

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Post_Unsigned_Answers403MissingAuthenticationTokenAndInvokesNothing()
    {
        using var response = await _gateway.Http.SendAsync(OrderRequest());

        await AssertRefusedAsync(response, "MissingAuthenticationTokenException", """{"message":"Missing Authentication Token"}""");
    }

    [Fact]
    public async Task Post_SignedWithTheLocalCredentials_ReachesTheFunction()
    {
        using var http = SigningClient(LocalCredentials.Default, GatewayFixture.Now);

        using var response = await http.SendAsync(OrderRequest());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        var invocation = _gateway.Functions.Single;
        Assert.Equal(Order, Encoding.UTF8.GetBytes(invocation.Event["body"]!.GetValue<string>()));
        // API Gateway fills requestContext.identity (accessKey, caller, user, userArn, accountId) for an IAM caller;
        // the local one leaves them null (README, known differences).
        Assert.Null(invocation.Event["requestContext"]!["identity"]!["accessKey"]);
    }

    [Fact]
    public async Task Post_SignedByTheAwsSdk_ReachesTheFunction()
    {
        using var request = AwsSdkSigner.Sign(
            HttpMethod.Post, new Uri(_gateway.Host.BaseUrl), "/prod/orders/a b", [new("mode", "x y")], "application/json", Order,
            LocalCredentials.Default, "us-east-1", GatewayFixture.Now);

        using var response = await _gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("a%20b", _gateway.Functions.Single.Event["pathParameters"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_SignedWithTheWrongSecret_Answers403InvalidSignatureSayingWhatItSigned()
    {
        using var http = SigningClient(LocalCredentials.Default with { SecretAccessKey = "not-the-secret" }, GatewayFixture.Now);

        using var response = await http.SendAsync(OrderRequest());

        var body = await AssertRefusedAsync(response, "InvalidSignatureException");
        Assert.StartsWith(
            """{"message":"The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'POST\n/prod/orders/1\n\ncontent-type:application/json\nhost:127.0.0.1:""",
            body, StringComparison.Ordinal);
        Assert.Contains(
            $"""\n\ncontent-type;host;x-amz-date\n{SigV4.PayloadHash(Order)}'\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20261126T075029Z\n20261126/us-east-1/execute-api/aws4_request\n""",
            body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_SignedWithAnUnknownAccessKey_Answers403UnrecognizedClient()
    {
        using var http = SigningClient(LocalCredentials.Default with { AccessKeyId = "AKIAIOSFODNN7EXAMPLE" }, GatewayFixture.Now);

        using var response = await http.SendAsync(OrderRequest());

        await AssertRefusedAsync(
            response, "UnrecognizedClientException", """{"message":"The security token included in the request is invalid."}""");
    }

    [Fact]
    public async Task Post_SignedSixMinutesAgo_Answers403SignatureExpired()
    {
        using var http = SigningClient(LocalCredentials.Default, GatewayFixture.Now.AddMinutes(-6));

        using var response = await http.SendAsync(OrderRequest());

        await AssertRefusedAsync(
            response, "InvalidSignatureException",
            """{"message":"Signature expired: 20261126T074429Z is now earlier than 20261126T074529Z (20261126T075029Z - 5 min.)"}""");
    }

    [Fact]
    public async Task Post_SignedForAnotherRegionAndService_Answers403NamingBoth()
    {
        using var request = AwsSdkSigner.Sign(
            HttpMethod.Post, new Uri(_gateway.Host.BaseUrl), "/prod/orders/1", [], "application/json", Order,
            LocalCredentials.Default, "eu-west-1", GatewayFixture.Now, service: "lambda");

        using var response = await _gateway.Http.SendAsync(request);

        await AssertRefusedAsync(
            response, "InvalidSignatureException",
            """{"message":"Credential should be scoped to a valid region, not 'eu-west-1'. Credential should be scoped to correct service: 'execute-api'. "}""");
    }

    [Fact]
    public async Task Get_MethodWhoseEventSaysAuthorizerNone_ReachesTheFunctionUnsigned()
    {
        using var response = await _gateway.Http.GetAsync("prod/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_gateway.Functions.Invocations);
    }

    private static HttpRequestMessage OrderRequest() => new(HttpMethod.Post, "prod/orders/1")
    {
        Content = new ByteArrayContent(Order) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
    };

    private HttpClient SigningClient(LocalCredentials credentials, DateTimeOffset signedAt) =>
        new(new SigV4SigningHandler(credentials, "us-east-1", new ManualTimeProvider(signedAt)) { InnerHandler = new SocketsHttpHandler() })
        {
            BaseAddress = new Uri(_gateway.Host.BaseUrl + "/"),
        };

    /// <summary>403, the error type header, nothing invoked; returns the body, checked against <paramref name="body"/> when given.</summary>
    private async Task<string> AssertRefusedAsync(HttpResponseMessage response, string errorType, string? body = null)
    {
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal([errorType], response.Headers.GetValues(GatewayResponse.ErrorTypeHeader));
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Empty(_gateway.Functions.Invocations);
        if (body is not null)
        {
            Assert.Equal(body, text);
        }

        return text;
    }
}
