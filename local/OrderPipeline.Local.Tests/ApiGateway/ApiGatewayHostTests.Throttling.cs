using System.Net;
using OrderPipeline.Local.Lambda;

namespace OrderPipeline.Local.Tests.ApiGateway;

public sealed partial class ApiGatewayHostTests
{
    // A stage-wide bucket of 2 refilled at 1 request a second, and GET /b with a bucket of its own (burst 1, the rate
    // from the stage-wide entry).
    private const string ThrottledResources = """
          Limited:
            Type: AWS::Serverless::Api
            Properties:
              StageName: s
              MethodSettings:
                - ResourcePath: '/*'
                  HttpMethod: '*'
                  ThrottlingRateLimit: 1
                  ThrottlingBurstLimit: 2
                - ResourcePath: /~1b
                  HttpMethod: GET
                  ThrottlingBurstLimit: 1
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Events:
                A:
                  Type: Api
                  Properties:
                    RestApiId: !Ref Limited
                    Path: /a
                    Method: get
                B:
                  Type: Api
                  Properties:
                    RestApiId: !Ref Limited
                    Path: /b
                    Method: get

        """;

    // API Gateway's token bucket: the burst at once, then the rate; beyond them 429 Too Many Requests, answered by API
    // Gateway without invoking the function (gateway response THROTTLED).
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
    [Fact]
    public async Task Request_BeyondTheStagesBurst_Answers429UntilTheBucketRefills()
    {
        await using var gateway = await GatewayFixture.StartAsync(resources: ThrottledResources);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var answer = await gateway.Http.GetAsync("s/a");
            statuses.Add(answer.StatusCode);
        }

        using var throttled = await gateway.Http.GetAsync("s/a");
        gateway.Clock.Now += TimeSpan.FromSeconds(1);
        using var refilled = await gateway.Http.GetAsync("s/a");
        using var emptyAgain = await gateway.Http.GetAsync("s/a");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal("""{"message":"Too Many Requests"}""", await throttled.Content.ReadAsStringAsync());
        Assert.Equal("TooManyRequestsException", Header(throttled, "x-amzn-ErrorType"));
        Assert.Equal("application/json", throttled.Content.Headers.ContentType!.MediaType);
        Assert.False(throttled.Headers.Contains("Retry-After"));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.TooManyRequests), (refilled.StatusCode, emptyAgain.StatusCode));
        Assert.Equal(3, gateway.Functions.Invocations.Count);
    }

    [Fact]
    public async Task Request_MethodWithItsOwnSetting_HasItsOwnBucket()
    {
        await using var gateway = await GatewayFixture.StartAsync(resources: ThrottledResources);
        for (var i = 0; i < 2; i++)
        {
            using var spent = await gateway.Http.GetAsync("s/a");
        }

        using var first = await gateway.Http.GetAsync("s/b");
        using var second = await gateway.Http.GetAsync("s/b");
        gateway.Clock.Now += TimeSpan.FromSeconds(3);
        using var third = await gateway.Http.GetAsync("s/b");
        using var fourth = await gateway.Http.GetAsync("s/b");

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK, HttpStatusCode.TooManyRequests],
            new[] { first.StatusCode, second.StatusCode, third.StatusCode, fourth.StatusCode });
    }

    [Fact]
    public async Task Request_StageWithoutMethodSettings_IsNotThrottled()
    {
        for (var i = 0; i < 20; i++)
        {
            using var answer = await _gateway.Http.PostAsync("prod/orders/1", null);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }
    }

    // "If the Lambda API rejects the invocation request, API Gateway returns a 500 error code ... the body of the
    // response from API Gateway is {"message": "Internal server error"}": a throttled function is a 500, not a 429.
    // https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html
    [Fact]
    public async Task Response_LambdaThrottlesTheInvocation_Answers500InternalServerError()
    {
        _gateway.Functions.Respond = _ => Task.FromException<InvocationResult>(
            new TooManyRequestsException(TooManyRequestsException.ReservedFunctionLimit));

        using var response = await _gateway.Http.PostAsync("prod/orders/1", null);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("""{"message":"Internal server error"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("InternalServerErrorException", Header(response, "x-amzn-ErrorType"));
    }
}
