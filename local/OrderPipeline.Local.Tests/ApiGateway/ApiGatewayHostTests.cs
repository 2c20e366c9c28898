using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace OrderPipeline.Local.Tests.ApiGateway;

// The gateway as a client and a function see it: real HTTP in, the recorded proxy event out, and back again.
public sealed partial class ApiGatewayHostTests : IAsyncLifetime
{
    private GatewayFixture _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayFixture.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Post_QueryRepeatedHeadersAndPathParameter_InvokesWithTheProxyEvent()
    {
        var port = new Uri(_gateway.Host.BaseUrl).Port;
        var body = Encoding.UTF8.GetBytes("""{"k":"v"}""");

        var response = await RawHttp.SendAsync(_gateway.Host.BaseUrl, $"""
            POST /prod/orders/a%2Fb?a=1&b=x%20y&a=2&flag HTTP/1.1
            Host: 127.0.0.1:{port}
            User-Agent: test-agent/1.0
            X-Tag: one
            X-Tag: two
            Content-Type: application/json
            Content-Length: {body.Length}
            Connection: close


            """, body);

        var invocation = _gateway.Functions.Single;
        var requestId = ResponseHeader(response, "x-amzn-RequestId");
        var extendedRequestId = ResponseHeader(response, "x-amz-apigw-id");
        var root = ResponseHeader(response, "X-Amzn-Trace-Id").Split(';')[0];
        var expected = JsonNode.Parse($$"""
            {
              "resource": "/orders/{id}",
              "path": "/orders/a%2Fb",
              "httpMethod": "POST",
              "headers": {
                "Host": "127.0.0.1:{{port}}", "User-Agent": "test-agent/1.0", "X-Tag": "two",
                "Content-Type": "application/json", "Content-Length": "9", "Connection": "close",
                "X-Forwarded-For": "127.0.0.1", "X-Forwarded-Port": "{{port}}", "X-Forwarded-Proto": "http",
                "X-Amzn-Trace-Id": "{{root}}"
              },
              "multiValueHeaders": {
                "Host": ["127.0.0.1:{{port}}"], "User-Agent": ["test-agent/1.0"], "X-Tag": ["one", "two"],
                "Content-Type": ["application/json"], "Content-Length": ["9"], "Connection": ["close"],
                "X-Forwarded-For": ["127.0.0.1"], "X-Forwarded-Port": ["{{port}}"], "X-Forwarded-Proto": ["http"],
                "X-Amzn-Trace-Id": ["{{root}}"]
              },
              "queryStringParameters": { "a": "2", "b": "x y", "flag": "" },
              "multiValueQueryStringParameters": { "a": ["1", "2"], "b": ["x y"], "flag": [""] },
              "pathParameters": { "id": "a%2Fb" },
              "stageVariables": null,
              "requestContext": {
                "resourceId": "{{invocation.Event["requestContext"]!["resourceId"]}}",
                "resourcePath": "/orders/{id}",
                "httpMethod": "POST",
                "extendedRequestId": "{{extendedRequestId}}",
                "requestTime": "26/Nov/2026:07:50:29 +0000",
                "path": "/prod/orders/a%2Fb",
                "accountId": "000000000000",
                "protocol": "HTTP/1.1",
                "stage": "prod",
                "domainPrefix": "127",
                "requestTimeEpoch": 1795679429123,
                "requestId": "{{requestId}}",
                "identity": {
                  "cognitoIdentityPoolId": null, "accountId": null, "cognitoIdentityId": null, "caller": null,
                  "sourceIp": "127.0.0.1", "principalOrgId": null, "accessKey": null, "cognitoAuthenticationType": null,
                  "cognitoAuthenticationProvider": null, "userArn": null, "userAgent": "test-agent/1.0", "user": null
                },
                "domainName": "127.0.0.1:{{port}}",
                "apiId": "u2kam39ykx"
              },
              "body": "{\"k\":\"v\"}",
              "isBase64Encoded": false
            }
            """);
        Assert.Equal("local-stack-Fn-3H3NIQ66TLOC", invocation.FunctionName); // invoked by its deployed name
        Assert.True(JsonNode.DeepEquals(expected, invocation.Event), invocation.Event.ToJsonString());
        Assert.Matches("^[0-9a-f]{6}$", invocation.Event["requestContext"]!["resourceId"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f-]{36}$", requestId);
        Assert.StartsWith("HTTP/1.1 200 OK", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_GreedyPathWithoutQueryOrBody_PassesProxyParameterAndNulls()
    {
        using var response = await _gateway.Http.GetAsync("prod/files/docs/2026/report.pdf");

        var proxyEvent = _gateway.Functions.Single.Event;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/files/{proxy+}", proxyEvent["resource"]!.GetValue<string>());
        Assert.Equal("/files/docs/2026/report.pdf", proxyEvent["path"]!.GetValue<string>());
        Assert.Equal("GET", proxyEvent["httpMethod"]!.GetValue<string>());
        Assert.Equal("docs/2026/report.pdf", proxyEvent["pathParameters"]!["proxy"]!.GetValue<string>());
        Assert.Null(proxyEvent["queryStringParameters"]);
        Assert.Null(proxyEvent["multiValueQueryStringParameters"]);
        Assert.Null(proxyEvent["body"]);
        Assert.False(proxyEvent["isBase64Encoded"]!.GetValue<bool>());
    }

    // A request whose Content-Type matches the API's binaryMediaTypes reaches a Lambda proxy integration base64-encoded;
    // any other is a text payload (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html).
    [Theory]
    [InlineData("image/png", true)]
    [InlineData("application/octet-stream; charset=binary", true)]
    [InlineData("application/json", false)]
    public async Task Post_BinaryMediaTypes_DecideWhetherTheBodyIsBase64Encoded(string contentType, bool binary)
    {
        await using var gateway = await GatewayFixture.StartAsync(resources: GatewayFixture.Resources.Replace(
            "      TracingEnabled: true\n",
            "      TracingEnabled: true\n      BinaryMediaTypes: ['image~1png', 'application/octet-stream']\n",
            StringComparison.Ordinal));
        byte[] bytes = [0x7b, 0x7d, 0x0a, 0x41];
        using var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await gateway.Http.PostAsync("prod/orders/1", content);

        var proxyEvent = gateway.Functions.Single.Event;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(binary ? "e30KQQ==" : "{}\nA", proxyEvent["body"]!.GetValue<string>());
        Assert.Equal(binary, proxyEvent["isBase64Encoded"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Post_BodyNotUtf8ToAnApiWithoutBinaryMediaTypes_PassesItAsText()
    {
        byte[] bytes = [0xff, 0x41];
        using var content = new ByteArrayContent(bytes);

        using var response = await _gateway.Http.PostAsync("prod/orders/1", content);

        var proxyEvent = _gateway.Functions.Single.Event;
        Assert.Equal("\uFFFDA", proxyEvent["body"]!.GetValue<string>());
        Assert.False(proxyEvent["isBase64Encoded"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Post_ClientSentForwardedFor_AppendsTheClientAddress()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "prod/orders/1");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        using var response = await _gateway.Http.SendAsync(request);

        var headers = _gateway.Functions.Single.Event["headers"]!;
        Assert.Equal("203.0.113.7, 127.0.0.1", headers["X-Forwarded-For"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("GET", "prod/orders/1")]
    [InlineData("POST", "prod/orders")]
    [InlineData("POST", "prod/orders/1/items")]
    [InlineData("POST", "v2/orders/1")]
    [InlineData("POST", "orders/1")]
    [InlineData("GET", "")]
    public async Task Request_NoRouteForStagePathAndMethod_Answers403MissingAuthenticationToken(string method, string path)
    {
        using var response = await _gateway.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("""{"message":"Missing Authentication Token"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("MissingAuthenticationTokenException", Header(response, "x-amzn-ErrorType"));
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Empty(_gateway.Functions.Invocations);
    }

    [Fact]
    public void Stages_TemplateWithTwoApis_ListsEachStageUrl()
    {
        var stages = _gateway.Host.Stages.ToDictionary(stage => stage.Api.LogicalId, stage => stage.Url);

        Assert.Equal($"{_gateway.Host.BaseUrl}/prod", stages["Traced"]);
        Assert.Equal($"{_gateway.Host.BaseUrl}/v1", stages["Api"]);
        Assert.Equal(2, stages.Count);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        Assert.Single(response.Headers.TryGetValues(name, out var values) ? values
            : response.Content.Headers.GetValues(name));

    private static string ResponseHeader(string response, string name)
    {
        var line = response.Split("\r\n").First(line => line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase));
        return line[(name.Length + 1)..].Trim();
    }
}
