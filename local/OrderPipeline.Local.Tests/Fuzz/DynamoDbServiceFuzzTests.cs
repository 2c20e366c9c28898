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
        ["CreateTable", "DescribeTable", "ListTables", "PutItem", "GetItem", "DeleteItem", "Scan", "DeleteTable"];

    private static readonly string[] Writes = ["PutItem", "DeleteItem"];

    private static readonly string[] Names =
        ["TableName", "Item", "Key", "orderId", "ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues",
         "ProjectionExpression", "FilterExpression", "Limit", "ExclusiveStartKey", "KeySchema", "AttributeDefinitions",
         "AttributeName", "AttributeType", "KeyType", "BillingMode", "ReturnValues", "S", "N", "M", "L", "x"];

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
