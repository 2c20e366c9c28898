using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OrderPipeline.TestHelpers.DynamoDb;

namespace OrderPipeline.Local.Tests.DynamoDb;

public sealed partial class DynamoDbServiceTests
{
    // zlib.crc32 of the exact body below, computed outside the code under test.
    private const string ConditionalCheckFailedBody =
        "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\",\"message\":\"The conditional request failed\"}";

    private const string ConditionalCheckFailedCrc32 = "396270901";

    [Fact]
    public async Task ErrorAnswer_ForAFailedCondition_HasTheDynamoDbBodyAndCrc32Header()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = OrdersClient(endpoint);
        const string Put = """
            {"TableName":"OrdersTable","Item":{"orderId":{"S":"o-1"}},"ConditionExpression":"attribute_not_exists(orderId)"}
            """;
        await RawAsync(endpoint, "PutItem", Put);

        var answer = await RawAsync(endpoint, "PutItem", Put);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("application/x-amz-json-1.0", answer.MediaType);
        Assert.Equal(ConditionalCheckFailedBody, answer.Body);
        Assert.Equal(ConditionalCheckFailedCrc32, answer.Header("x-amz-crc32"));
        Assert.Matches("^[0-9A-Z]{32}$", answer.Header("x-amzn-RequestId") ?? string.Empty);
    }

    [Fact]
    public async Task SuccessAnswer_ForPutItem_IsAnEmptyObjectWithItsCrc32()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        OrdersClient(endpoint).Dispose();

        var answer = await RawAsync(endpoint, "PutItem", """{"TableName":"OrdersTable","Item":{"orderId":{"S":"o-1"}}}""");

        Assert.Equal((HttpStatusCode.OK, "{}"), (answer.Status, answer.Body));
        Assert.Equal("2745614147", answer.Header("x-amz-crc32"));
    }

    [Fact]
    public async Task Request_ForAnUnknownOperation_IsAnsweredWithUnknownOperationException()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();

        var answer = await RawAsync(endpoint, "UpdateTimeToLive", "{}");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("UnknownOperationException", ErrorOf(answer).Code);
        Assert.StartsWith("com.amazon.coral.service#", TypeOf(answer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_WithoutAuthorization_IsAnsweredWithMissingAuthenticationToken()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();

        var answer = await RawAsync(endpoint, "ListTables", "{}", signed: false);

        Assert.Equal(("MissingAuthenticationTokenException", "Request is missing Authentication Token"), ErrorOf(answer));
    }

    [Fact]
    public async Task ValidationError_HasTheCoralValidateType()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();

        var answer = await RawAsync(endpoint, "DescribeTable", "{}");

        Assert.Equal("com.amazon.coral.validate#ValidationException", TypeOf(answer));
    }

    private static (string Code, string Message) ErrorOf(RawAnswer answer)
    {
        using var document = JsonDocument.Parse(answer.Body);
        var type = document.RootElement.GetProperty("__type").GetString()!;
        return (type[(type.IndexOf('#', StringComparison.Ordinal) + 1)..], document.RootElement.GetProperty("message").GetString()!);
    }

    private static string TypeOf(RawAnswer answer)
    {
        using var document = JsonDocument.Parse(answer.Body);
        return document.RootElement.GetProperty("__type").GetString()!;
    }

    /// <summary>Posts a hand-made AWS JSON 1.0 request, with a syntactically plausible Authorization header when signed.</summary>
    private static Task<RawAnswer> RawAsync(DynamoDbEndpoint endpoint, string operation, string json, bool signed = true) =>
        RawAsync(endpoint, operation, Encoding.UTF8.GetBytes(json), signed);

    private static async Task<RawAnswer> RawAsync(DynamoDbEndpoint endpoint, string operation, byte[] body, bool signed = true)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.ServiceUrl + "/")
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        request.Headers.Add("X-Amz-Target", "DynamoDB_20120810." + operation);
        if (signed)
        {
            request.Headers.TryAddWithoutValidation("Authorization",
                "AWS4-HMAC-SHA256 Credential=raw/20261126/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00");
        }

        using var response = await http.SendAsync(request);
        return new RawAnswer(response.StatusCode, response.Headers, response.Content.Headers.ContentType?.MediaType,
            await response.Content.ReadAsStringAsync());
    }

    private sealed record RawAnswer(HttpStatusCode Status, HttpResponseHeaders Headers, string? MediaType, string Body)
    {
        public string? Header(string name) => Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
    }
}
