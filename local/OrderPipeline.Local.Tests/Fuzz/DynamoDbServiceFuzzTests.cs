using System.Net;
using System.Net.Http.Headers;
using Amazon.DynamoDBv2.Model;
using CsCheck;
using OrderPipeline.Local.DynamoDb;
using OrderPipeline.TestHelpers.DynamoDb;

namespace OrderPipeline.Local.Tests.Fuzz;

// Property test: the local DynamoDB endpoint over generated raw requests. Every answer is a 2xx or an AWS-shaped 4xx
// within the client's timeout, an item changes only when a write was answered 2xx, and afterwards the real SDK still
// writes and reads. CsCheck prints the seed of a failing case.
public sealed class DynamoDbServiceFuzzTests
{
    private const int Iterations = 300;
    private const string Orders = "OrdersTable";

    private static readonly string[] Operations =
        ["CreateTable", "DescribeTable", "ListTables", "PutItem", "GetItem", "UpdateItem", "DeleteItem", "Scan", "Query",
         "DeleteTable"];

    private static readonly string[] Writes = ["PutItem", "UpdateItem", "DeleteItem"];

    private static readonly string[] Names =
        ["TableName", "Item", "Key", "orderId", "ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues",
         "ProjectionExpression", "FilterExpression", "Limit", "ExclusiveStartKey", "KeySchema", "AttributeDefinitions",
         "AttributeName", "AttributeType", "KeyType", "BillingMode", "ReturnValues", "S", "N", "M", "L", "x",
         "UpdateExpression", "KeyConditionExpression", "ScanIndexForward", "Select", "IndexName"];

    // Tokens of update and key condition expressions, and whole clauses that combine into meaningful ones; the
    // placeholders an expression names are defined, so generated expressions get past those checks to the grammar and
    // the evaluation.
    private static readonly string[] ExpressionTokens =
        ["SET", "REMOVE", "ADD", "DELETE", "AND", "OR", "BETWEEN", "begins_with", "if_not_exists", "list_append", "size",
         "orderId", "sk", "total", "tags", "items", "a", "#n", ":s", ":n", ":l", ":ss", ":big", "=", "<", ">=", "<>", "+",
         "-", ",", "(", ")", ".", "[", "0", "]", "[1]", "[99]"];

    private static readonly string[] Clauses =
        ["SET total = if_not_exists(total, :n) + :n", "ADD tags :ss", "DELETE tags :ss", "REMOVE items[0]", "SET a = :s",
         "SET items = list_append(if_not_exists(items, :l), :l)", "SET items[99] = :s", "ADD total :big", "REMOVE a",
         "SET #n = #n - :big", "SET a.b = :s", "orderId = :s", "orderId = :s AND sk >= :n", "orderId = :s AND sk BETWEEN :n AND :big"];

    private static readonly (string Token, string Json)[] Placeholders =
        [(":s", "{\"S\":\"x\"}"), (":n", "{\"N\":\"1.5\"}"), (":l", "{\"L\":[{\"N\":\"1\"}]}"),
         (":ss", "{\"SS\":[\"a\",\"b\"]}"), (":big", "{\"N\":\"9.9999999999999999999999999999999999999E125\"}")];

    // UpdateItem and Query over generated expressions: never a 500, never a hang; an item changes only on a 2xx; and the
    // table stays readable. Sequences of updates hit the same item, so sets, lists and numbers accumulate.
    [Fact]
    public async Task HandleAsync_GeneratedUpdateAndKeyConditionExpressions_AnswerAwsShaped()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        endpoint.Service.CreateTable(new DynamoDbTableDefinition(Orders, new("orderId", DynamoDbKeyType.S), new("sk", DynamoDbKeyType.N)));
        using var http = new HttpClient { BaseAddress = new Uri(endpoint.ServiceUrl), Timeout = TimeSpan.FromSeconds(10) };
        var expressions = Gen.Frequency(
            (1, Gen.OneOf(ExpressionTokens).Array[1, 12]),
            (2, Gen.OneOf(Clauses).Array[1, 3].Select(clauses => clauses.SelectMany(clause => clause.Split(' ')).ToArray())));
        var acceptedUpdates = 0;

        await Gen.Select(expressions, Gen.Bool, Gen.Int[0, 3]).SampleAsync(
            async (tokens, query, key) =>
            {
                var expression = string.Join(' ', tokens);
                var escaped = System.Text.Json.JsonEncodedText.Encode(expression).ToString();
                var names = Mentions(expression, "#n") ? "\"ExpressionAttributeNames\":{\"#n\":\"total\"}," : string.Empty;
                var values = string.Join(',', Placeholders.Where(placeholder => Mentions(expression, placeholder.Token))
                    .Select(placeholder => $"\"{placeholder.Token}\":{placeholder.Json}"));
                var attributes = names + (values.Length > 0 ? $"\"ExpressionAttributeValues\":{{{values}}}," : string.Empty);
                var body = query
                    ? $"{{{attributes}\"TableName\":\"{Orders}\",\"KeyConditionExpression\":\"{escaped}\"}}"
                    : $"{{{attributes}\"TableName\":\"{Orders}\",\"Key\":{{\"orderId\":{{\"S\":\"o-1\"}},\"sk\":{{\"N\":\"{key}\"}}}},"
                        + $"\"UpdateExpression\":\"{escaped}\",\"ReturnValues\":\"UPDATED_NEW\"}}";
                var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
                request.Headers.TryAddWithoutValidation("X-Amz-Target", "DynamoDB_20120810." + (query ? "Query" : "UpdateItem"));
                request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=fuzz/20261202/us-east-1/dynamodb/aws4_request");

                var answer = await AwsAnswer.SendAsync(http, request);

                answer.AssertAwsShaped();
                acceptedUpdates += !query && answer.Status == HttpStatusCode.OK ? 1 : 0;
            },
            iter: Iterations * 3,
            threads: 1,
            print: t => $"{(t.Item2 ? "Query" : "UpdateItem")} {string.Join(' ', t.Item1)}");

        Assert.Equal(acceptedUpdates, endpoint.Changes.Count);
        using var client = endpoint.Client();
        var scan = await client.ScanAsync(new ScanRequest(Orders));
        Assert.All(scan.Items, item => Assert.Equal("o-1", item["orderId"].S));
    }

    /// <summary>Whether <paramref name="expression"/> names the placeholder <paramref name="token"/> (":s" is not in ":ss").</summary>
    private static bool Mentions(string expression, string token) =>
        System.Text.RegularExpressions.Regex.IsMatch(expression, System.Text.RegularExpressions.Regex.Escape(token) + "(?![A-Za-z0-9_])");

    [Fact]
    public async Task HandleAsync_GeneratedRequests_AnswersAwsShapedAndStaysUsable()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        endpoint.Service.CreateTable(new DynamoDbTableDefinition(Orders, new("orderId", DynamoDbKeyType.S)));
        var bodies = Gen.Frequency(
            (3, FuzzJson.Object(Names).Select(json => $"{{\"TableName\":\"{Orders}\",{json[1..]}".Replace(",}", "}", StringComparison.Ordinal))
                .Select(System.Text.Encoding.UTF8.GetBytes)),
            (3, FuzzJson.Body(Names)));
        var targets = Gen.Frequency(
            (8, Gen.OneOf(Operations).Select(operation => "DynamoDB_20120810." + operation)),
            (1, Gen.OneOf("", "DynamoDB_20120810.", "DynamoDB_20120810.Query", "AmazonSQS.SendMessage", "DynamoDB_20120810.putitem")));
        using var http = new HttpClient { BaseAddress = new Uri(endpoint.ServiceUrl), Timeout = TimeSpan.FromSeconds(10) };
        var acceptedWrites = 0;

        await Gen.Select(bodies, targets, Gen.Int[0, 9]).SampleAsync(
            async (body, target, shape) =>
            {
                var request = new HttpRequestMessage(shape == 0 ? HttpMethod.Get : HttpMethod.Post, shape == 1 ? "/x" : "/")
                {
                    Content = new ByteArrayContent(body),
                };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(shape == 3 ? "text/plain" : "application/x-amz-json-1.0");
                request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
                if (shape != 2)
                {
                    request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=fuzz/20261126/us-east-1/dynamodb/aws4_request");
                }

                var answer = await AwsAnswer.SendAsync(http, request);

                answer.AssertAwsShaped();
                if (answer.Status == HttpStatusCode.OK && Writes.Any(write => target.EndsWith("." + write, StringComparison.Ordinal)))
                {
                    acceptedWrites++;
                }
            },
            iter: Iterations,
            threads: 1,
            print: t => $"{t.Item2} {t.Item3} {System.Text.Encoding.UTF8.GetString(t.Item1)}");

        Assert.InRange(endpoint.Changes.Count, 0, acceptedWrites);
        // The run may have deleted OrdersTable (DeleteTable is fair game), so the check uses a table of its own.
        endpoint.Service.CreateTable(new DynamoDbTableDefinition("AfterFuzz", new("orderId", DynamoDbKeyType.S)));
        using var client = endpoint.Client();
        await client.PutItemAsync("AfterFuzz", new() { ["orderId"] = new AttributeValue { S = "after-fuzz" } });
        var read = await client.GetItemAsync("AfterFuzz", new() { ["orderId"] = new AttributeValue { S = "after-fuzz" } });
        Assert.Equal("after-fuzz", read.Item["orderId"].S);
    }
}
