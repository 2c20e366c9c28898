using System.Net;
using System.Text;
using System.Text.Json;
using OrderPipeline.TestHelpers.DynamoDb;

namespace OrderPipeline.Local.Tests.DynamoDb;

public sealed partial class DynamoDbServiceTests
{
    private static readonly string[] Operations =
        ["CreateTable", "DescribeTable", "ListTables", "PutItem", "GetItem", "DeleteItem", "Scan", "DeleteTable"];

    // A body may be harmless to an operation that ignores its bad members (DescribeTable reads only TableName), so the
    // test asks for what must always hold: an AWS-shaped answer, never a server failure, and no item stored.
    [Fact]
    public async Task EveryOperation_WithHostileBodies_AnswersWithoutServerFailureAndStoresNothing()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        OrdersClient(endpoint).Dispose();
        var wrong = new List<string>();

        foreach (var operation in Operations)
        {
            foreach (var body in HostileBodies())
            {
                var answer = await RawAsync(endpoint, operation, body);
                var shaped = answer.Status == HttpStatusCode.OK
                    || (answer.Status == HttpStatusCode.BadRequest && HasErrorType(answer.Body));
                if (!shaped)
                {
                    wrong.Add($"{operation} {Encoding.UTF8.GetString(body)[..Math.Min(60, body.Length)]}: {answer.Status}");
                }
            }
        }

        Assert.Empty(wrong);
        Assert.Empty(endpoint.Changes);
    }

    private static IEnumerable<byte[]> HostileBodies()
    {
        const string Table = "\"TableName\":\"OrdersTable\"";
        const string Key = "\"Key\":{\"orderId\":{\"S\":\"o-1\"}}";
        const string Item = "\"Item\":{\"orderId\":{\"S\":\"o-1\"}}";
        string[] texts =
        [
            "", "null", "[]", "\"text\"", "{", "{\"TableName\":12}", "{\"TableName\":\"\\ud800xyz\"}",
            "{" + Table + ",\"Item\":\"x\",\"Key\":7,\"Limit\":-1}",
            "{" + Table + ",\"Item\":{\"orderId\":{\"S\":\"\\udc00\"}}}",
            "{" + Table + ",\"Item\":{\"orderId\":{\"S\":\"o-1\"},\"orderId\":{\"S\":\"o-2\"}}}",
            "{" + Table + ",\"Item\":{\"orderId\":{\"S\":\"o-1\"},\"n\":{\"N\":\"1e999999999\"}}}",
            "{" + Table + ",\"Item\":{\"orderId\":{\"S\":\"o-1\"},\"b\":{\"B\":\"!!not base64\"}}}",
            "{" + Table + ",\"Item\":{\"orderId\":{\"S\":\"o-1\"},\"deep\":" + Nested(40) + "}}",
            "{" + Table + ",\"Item\":{\"orderId\":{\"S\":\"o-1\"},\"deep\":" + new string('[', 300) + new string(']', 300) + "}}",
            "{" + Table + "," + Item + "," + Key + ",\"ConditionExpression\":\"" + new string('(', 3000) + "\"}",
            "{" + Table + "," + Item + "," + Key + ",\"ConditionExpression\":\"" + string.Concat(Enumerable.Repeat("NOT ", 900)) + "a\"}",
            "{" + Table + "," + Key + ",\"FilterExpression\":\"" + new string('a', 5000) + "\"}",
            "{" + Table + "," + Key + ",\"ProjectionExpression\":\"" + string.Join('.', Enumerable.Repeat("a", 40)) + "\"}",
            "{" + Table + "," + Key + ",\"ProjectionExpression\":\"a[99999999999]\"}",
            "{" + Table + ",\"Limit\":1e30,\"KeySchema\":[1,2],\"AttributeDefinitions\":\"x\",\"ExclusiveStartKey\":[]}",
            "{" + Table + ",\"KeySchema\":[{\"AttributeName\":\"a\",\"KeyType\":\"RANGE\"}],\"AttributeDefinitions\":[{}]}",
            "{" + Table + "," + Item + ",\"ExpressionAttributeValues\":{\":v\":{\"M\":{\"x\":{}}}},\"ConditionExpression\":\"a = :v\"}",
        ];
        return [.. texts.Select(Encoding.UTF8.GetBytes), [0xC3, 0x28, 0xFF, 0xFE]];
    }

    private static string Nested(int depth) =>
        depth == 0 ? "{\"S\":\"leaf\"}" : "{\"M\":{\"a\":" + Nested(depth - 1) + "}}";

    private static bool HasErrorType(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("__type", out var type) && type.GetString()!.Contains('#', StringComparison.Ordinal);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
