using System.Net;
using System.Text;
using OrderPipeline.Local.ApiGateway;
using OrderPipeline.Local.Lambda;

namespace OrderPipeline.Local.Tests.ApiGateway;

public sealed partial class ApiGatewayHostTests
{
    [Fact]
    public async Task Response_HeadersAndMultiValueHeaders_MergedIntoTheHttpResponse()
    {
        _gateway.Functions.Respond = _ => Task.FromResult(FakeFunctionInvoker.Ok("""
            {"statusCode":201,"headers":{"X-One":"1","X-Count":7,"Content-Type":"text/plain"},
             "multiValueHeaders":{"X-Many":["a","b"],"x-one":["m"]},"body":"created","isBase64Encoded":false}
            """));

        using var response = await _gateway.Http.PostAsync("prod/orders/1", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["a", "b"], response.Headers.GetValues("X-Many"));
        Assert.Equal(["m"], response.Headers.GetValues("X-One"));
        Assert.Equal(["7"], response.Headers.GetValues("X-Count"));
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("created", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Response_Base64Body_SentDecoded()
    {
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        _gateway.Functions.Respond = _ => Task.FromResult(FakeFunctionInvoker.Ok(
            $$"""{"statusCode":200,"headers":{"Content-Type":"application/octet-stream"},"body":"{{Convert.ToBase64String(bytes)}}","isBase64Encoded":true}"""));

        using var response = await _gateway.Http.GetAsync("prod/files/blob");

        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Response_NoContentType_IsApplicationJsonWithGatewayIds()
    {
        using var response = await _gateway.Http.PostAsync("prod/orders/1", null);

        var requestContext = _gateway.Functions.Single.Event["requestContext"]!;
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(requestContext["requestId"]!.GetValue<string>(), Header(response, "x-amzn-RequestId"));
        Assert.Equal(requestContext["extendedRequestId"]!.GetValue<string>(), Header(response, "x-amz-apigw-id"));
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Response_FunctionError_Answers502InternalServerError()
    {
        _gateway.Functions.Respond = _ => Task.FromResult(FakeFunctionInvoker.Failed("System.InvalidOperationException", "boom"));

        using var response = await _gateway.Http.PostAsync("prod/orders/1", null);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("""{"message":"Internal server error"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("InternalServerErrorException", Header(response, "x-amzn-ErrorType"));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""["statusCode",200]""")]
    [InlineData("""{"body":"no status"}""")]
    [InlineData("""{"statusCode":200,"body":{"an":"object"}}""")]
    [InlineData("""{"statusCode":200,"cookies":["a=b"]}""")]
    [InlineData("""{"statusCode":200,"body":"%%%","isBase64Encoded":true}""")]
    public async Task Response_NotAProxyResponse_Answers502InternalServerError(string functionResponse)
    {
        _gateway.Functions.Respond = _ => Task.FromResult(FakeFunctionInvoker.Ok(functionResponse));

        using var response = await _gateway.Http.PostAsync("prod/orders/1", null);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("""{"message":"Internal server error"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Response_IntegrationTakesLongerThanTheTimeout_Answers504()
    {
        await using var gateway = await GatewayFixture.StartAsync(
            ApiGatewaySettings.Default with { IntegrationTimeout = TimeSpan.FromMilliseconds(50) });
        var release = new TaskCompletionSource<InvocationResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.Functions.Respond = _ => release.Task;

        using var response = await gateway.Http.PostAsync("prod/orders/1", null);
        release.SetResult(FakeFunctionInvoker.Ok(FakeFunctionInvoker.OkResponse));

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("""{"message":"Endpoint request timed out"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Request_BodyOverTheLimit_Answers413WithoutInvoking()
    {
        await using var gateway = await GatewayFixture.StartAsync(ApiGatewaySettings.Default with { MaxRequestBodyBytes = 16 });
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(new string('x', 17)));

        using var response = await gateway.Http.PostAsync("prod/orders/1", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("""{"message":"Request Too Long"}""", await response.Content.ReadAsStringAsync());
        Assert.Empty(gateway.Functions.Invocations);
    }
}
