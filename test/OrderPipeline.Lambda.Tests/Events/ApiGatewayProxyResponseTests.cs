using System.Text.Json;
using OrderPipeline.Lambda.Events;

namespace OrderPipeline.Lambda.Tests.Events;

public sealed class ApiGatewayProxyResponseTests
{
    [Fact]
    public void Serialize_NullMembers_AreLeftOut()
    {
        var response = new ApiGatewayProxyResponse
        {
            StatusCode = 202,
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
            Body = """{"orderId":"0193a0a4"}""",
        };

        var json = JsonSerializer.Serialize(response, LambdaEventsJsonContext.Default.ApiGatewayProxyResponse);

        Assert.Equal(
            """{"statusCode":202,"headers":{"Content-Type":"application/json"},"body":"{\u0022orderId\u0022:\u00220193a0a4\u0022}","isBase64Encoded":false}""",
            json);
    }

    [Fact]
    public void Serialize_StatusOnly_WritesStatusAndBase64Flag()
    {
        var json = JsonSerializer.Serialize(
            new ApiGatewayProxyResponse { StatusCode = 500 }, LambdaEventsJsonContext.Default.ApiGatewayProxyResponse);

        Assert.Equal("""{"statusCode":500,"isBase64Encoded":false}""", json);
    }
}
