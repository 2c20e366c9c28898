using System.Text;
using System.Text.Json;
using OrderPipeline.Lambda.Events;

namespace OrderPipeline.Lambda.Tests.Events;

public sealed class ApiGatewayProxyRequestTests
{
    /// <summary>The shape <c>sam local generate-event apigateway aws-proxy</c> gives (REST API, payload 1.0).</summary>
    private const string RestProxyEvent = """
        {
          "body": "eyJ0ZXN0IjoiYm9keSJ9",
          "resource": "/{proxy+}",
          "path": "/path/to/resource",
          "httpMethod": "POST",
          "isBase64Encoded": true,
          "queryStringParameters": { "foo": "bar" },
          "multiValueQueryStringParameters": { "foo": [ "bar" ] },
          "pathParameters": { "proxy": "/path/to/resource" },
          "stageVariables": { "baz": "qux" },
          "headers": {
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,image/webp,*/*;q=0.8",
            "Content-Type": "application/json",
            "X-Amzn-Trace-Id": "Root=1-5759e988-bd862e3fe1be46a994272793",
            "X-Forwarded-Proto": "https"
          },
          "multiValueHeaders": {
            "Accept": [ "text/html,application/xhtml+xml,application/xml;q=0.9,image/webp,*/*;q=0.8" ],
            "X-Forwarded-Proto": [ "https" ]
          },
          "requestContext": {
            "accountId": "123456789012",
            "resourceId": "123456",
            "stage": "prod",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
            "extendedRequestId": "AbCdEfGhIjKlMnO=",
            "requestTime": "09/Apr/2015:12:34:56 +0000",
            "requestTimeEpoch": 1428582896000,
            "identity": {
              "cognitoIdentityPoolId": null,
              "accountId": null,
              "cognitoIdentityId": null,
              "caller": null,
              "accessKey": null,
              "sourceIp": "127.0.0.1",
              "cognitoAuthenticationType": null,
              "cognitoAuthenticationProvider": null,
              "userArn": null,
              "userAgent": "Custom User Agent String",
              "user": null
            },
            "path": "/prod/path/to/resource",
            "resourcePath": "/{proxy+}",
            "httpMethod": "POST",
            "apiId": "1234567890",
            "protocol": "HTTP/1.1",
            "domainName": "1234567890.execute-api.us-east-1.amazonaws.com"
          }
        }
        """;

    [Fact]
    public void Deserialize_RestProxyEvent_ReadsEveryMember()
    {
        var request = Parse(RestProxyEvent);

        Assert.Equal(("/{proxy+}", "/path/to/resource", "POST"), (request.Resource, request.Path, request.HttpMethod));
        Assert.True(request.IsBase64Encoded);
        Assert.Equal("eyJ0ZXN0IjoiYm9keSJ9", request.Body);
        Assert.Equal("bar", request.QueryStringParameters!["foo"]);
        Assert.Equal(["bar"], request.MultiValueQueryStringParameters!["foo"]);
        Assert.Equal("/path/to/resource", request.PathParameters!["proxy"]);
        Assert.Equal("qux", request.StageVariables!["baz"]);
        Assert.Equal("https", request.Headers!["X-Forwarded-Proto"]);
        Assert.Equal(["https"], request.MultiValueHeaders!["X-Forwarded-Proto"]);
        var context = request.RequestContext!;
        Assert.Equal(("123456789012", "1234567890", "123456"), (context.AccountId, context.ApiId, context.ResourceId));
        Assert.Equal(("prod", "c6af9ac6-7b61-11e6-9a41-93e8deadbeef", "AbCdEfGhIjKlMnO="), (context.Stage, context.RequestId, context.ExtendedRequestId));
        Assert.Equal(("/{proxy+}", "POST", "/prod/path/to/resource"), (context.ResourcePath, context.HttpMethod, context.Path));
        Assert.Equal(("HTTP/1.1", "1234567890.execute-api.us-east-1.amazonaws.com"), (context.Protocol, context.DomainName));
        Assert.Equal(("09/Apr/2015:12:34:56 +0000", 1428582896000L), (context.RequestTime, context.RequestTimeEpoch));
        Assert.Equal(("127.0.0.1", "Custom User Agent String"), (context.Identity!.SourceIp, context.Identity.UserAgent));
        Assert.Null(context.Identity.UserArn);
    }

    [Fact]
    public void Deserialize_NullMaps_LeavesThemNull()
    {
        var request = Parse("""
            {"resource":"/orders","path":"/orders","httpMethod":"POST","headers":null,"multiValueHeaders":null,
             "queryStringParameters":null,"multiValueQueryStringParameters":null,"pathParameters":null,
             "stageVariables":null,"requestContext":null,"body":null,"isBase64Encoded":false}
            """);

        Assert.Null(request.Headers);
        Assert.Null(request.QueryStringParameters);
        Assert.Null(request.RequestContext);
        Assert.Null(request.GetHeader("Content-Type"));
        Assert.Empty(request.DecodeBody());
    }

    [Fact]
    public void DecodeBody_Base64Encoded_GivesTheDecodedBytes()
    {
        Assert.Equal("""{"test":"body"}""", Encoding.UTF8.GetString(Parse(RestProxyEvent).DecodeBody()));
    }

    [Fact]
    public void DecodeBody_PlainText_GivesItsUtf8Bytes()
    {
        var request = new ApiGatewayProxyRequest { Body = """{"customerId":"zoë"}""" };

        Assert.Equal("""{"customerId":"zoë"}"""u8.ToArray(), request.DecodeBody());
    }

    [Fact]
    public void DecodeBody_Base64FlagOnText_ThrowsFormatException()
    {
        var request = new ApiGatewayProxyRequest { Body = "{not base64}", IsBase64Encoded = true };

        Assert.Throws<FormatException>(() => request.DecodeBody());
    }

    [Theory]
    [InlineData("Content-Type")]
    [InlineData("content-type")]
    [InlineData("CONTENT-TYPE")]
    public void GetHeader_AnyCase_FindsTheHeader(string name)
    {
        Assert.Equal("application/json", Parse(RestProxyEvent).GetHeader(name));
    }

    [Fact]
    public void GetHeader_OnlyInMultiValueHeaders_GivesTheLastValue()
    {
        var request = new ApiGatewayProxyRequest
        {
            MultiValueHeaders = new Dictionary<string, IList<string>> { ["X-Custom"] = ["first", "last"] },
        };

        Assert.Equal("last", request.GetHeader("x-custom"));
    }

    [Fact]
    public void GetHeader_Absent_IsNull()
    {
        Assert.Null(Parse(RestProxyEvent).GetHeader("Authorization"));
    }

    private static ApiGatewayProxyRequest Parse(string json) =>
        JsonSerializer.Deserialize(json, LambdaEventsJsonContext.Default.ApiGatewayProxyRequest)!;
}
