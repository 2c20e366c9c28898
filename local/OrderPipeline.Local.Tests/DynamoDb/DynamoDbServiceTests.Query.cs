using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using OrderPipeline.Local.DynamoDb;
using OrderPipeline.TestHelpers.DynamoDb;

namespace OrderPipeline.Local.Tests.DynamoDb;

// Query on a table with a sort key, as the API reference and "Key condition expressions for the Query operation"
// describe it: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html
public sealed partial class DynamoDbServiceTests
{
    private const string Events = "EventsTable";

    [Theory]
    [InlineData("pk = :p", "2,10,11,100")]
    [InlineData("pk = :p AND seq = :ten", "10")]
    [InlineData("pk = :p AND seq < :eleven", "2,10")]
    [InlineData("pk = :p AND seq <= :eleven", "2,10,11")]
    [InlineData("pk = :p AND seq > :ten", "11,100")]
    [InlineData("pk = :p AND seq >= :ten", "10,11,100")]
    [InlineData("(seq BETWEEN :ten AND :eleven) AND (pk = :p)", "10,11")]
    public async Task Query_NumericSortKeyCondition_ReturnsThePartitionsMatchingItemsInNumericOrder(string condition, string expected)
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = await EventsAsync(endpoint);
        var values = new Dictionary<string, AttributeValue> { [":p"] = new() { S = "a" } };
        foreach (var (name, number) in new[] { (":ten", "10"), (":eleven", "11") })
        {
            if (condition.Contains(name, StringComparison.Ordinal))
            {
                values[name] = new() { N = number };
            }
        }

        var page = await dynamo.QueryAsync(new QueryRequest(Events) { KeyConditionExpression = condition, ExpressionAttributeValues = values });

        Assert.Equal(expected, string.Join(',', page.Items.Select(item => item["seq"].N)));
        Assert.Equal(page.Items.Count, page.ScannedCount);
        Assert.Null(page.LastEvaluatedKey is { Count: > 0 } ? page.LastEvaluatedKey : null);
    }

    [Fact]
    public async Task Query_BeginsWithOnAStringSortKey_ReturnsThePrefixedItemsBackwards()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        endpoint.Service.CreateTable(new(Orders, new("customerId", DynamoDbKeyType.S), new("sk", DynamoDbKeyType.S)));
        using var dynamo = endpoint.Client();
        foreach (var sk in new[] { "order#1", "order#2", "profile", "order#10" })
        {
            await dynamo.PutItemAsync(Orders, new() { ["customerId"] = new() { S = "c-1" }, ["sk"] = new() { S = sk } });
        }

        var page = await dynamo.QueryAsync(new QueryRequest(Orders)
        {
            KeyConditionExpression = "customerId = :c AND begins_with(sk, :prefix)",
            ExpressionAttributeValues = new() { [":c"] = new() { S = "c-1" }, [":prefix"] = new() { S = "order#" } },
            ScanIndexForward = false,
        });

        Assert.Equal(["order#2", "order#10", "order#1"], page.Items.Select(item => item["sk"].S));
    }

    [Fact]
    public async Task Query_LimitAndExclusiveStartKey_PageThroughWithFilterAndProjection()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = await EventsAsync(endpoint);
        var request = new QueryRequest(Events)
        {
            KeyConditionExpression = "pk = :p",
            FilterExpression = "kind = :k",
            ProjectionExpression = "seq",
            ExpressionAttributeValues = new() { [":p"] = new() { S = "a" }, [":k"] = new() { S = "even" } },
            Limit = 3,
        };

        var first = await dynamo.QueryAsync(request);
        request.ExclusiveStartKey = first.LastEvaluatedKey;
        var second = await dynamo.QueryAsync(request);

        Assert.Equal((2, 3), (first.Count, first.ScannedCount));
        Assert.Equal(["2", "10"], first.Items.Select(item => item["seq"].N));
        Assert.All(first.Items, item => Assert.Equal(["seq"], item.Keys));
        Assert.Equal(("a", "11"), (first.LastEvaluatedKey["pk"].S, first.LastEvaluatedKey["seq"].N));
        Assert.Equal((1, 1), (second.Count, second.ScannedCount));
        Assert.Equal("100", Assert.Single(second.Items)["seq"].N);
        Assert.True(second.LastEvaluatedKey is null or { Count: 0 });
    }

    [Fact]
    public async Task Query_LimitEqualToTheItemsLeft_AnswersNoLastEvaluatedKey()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = await EventsAsync(endpoint);

        var page = await dynamo.QueryAsync(new QueryRequest(Events)
        {
            KeyConditionExpression = "pk = :p",
            ExpressionAttributeValues = new() { [":p"] = new() { S = "a" } },
            Limit = 4,
        });

        Assert.Equal(4, page.ScannedCount);
        Assert.True(page.LastEvaluatedKey is null or { Count: 0 });
    }

    [Fact]
    public async Task Query_SelectCount_AnswersTheCountsWithoutItems()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = await EventsAsync(endpoint);

        var page = await dynamo.QueryAsync(new QueryRequest(Events)
        {
            KeyConditionExpression = "pk = :p",
            ExpressionAttributeValues = new() { [":p"] = new() { S = "a" } },
            Select = Select.COUNT,
        });

        Assert.Equal((4, 4), (page.Count, page.ScannedCount));
        Assert.True(page.Items is null or { Count: 0 });
    }

    [Fact]
    public async Task Query_LargeItems_StopsThePageAfterOneMegabyte()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = await EventsAsync(endpoint, seed: false);
        var filler = new string('x', 300 * 1024);
        for (var seq = 1; seq <= 5; seq++)
        {
            await dynamo.PutItemAsync(Events, new()
            {
                ["pk"] = new() { S = "big" },
                ["seq"] = new() { N = seq.ToString(CultureInfo.InvariantCulture) },
                ["data"] = new() { S = filler },
            });
        }

        var page = await dynamo.QueryAsync(new QueryRequest(Events)
        {
            KeyConditionExpression = "pk = :p",
            ExpressionAttributeValues = new() { [":p"] = new() { S = "big" } },
            Select = Select.COUNT,
        });

        Assert.Equal(4, page.ScannedCount);
        Assert.Equal("4", page.LastEvaluatedKey["seq"].N);
    }

    [Theory]
    [InlineData("seq = :ten", "Query condition missed key schema element: pk")]
    [InlineData("pk > :p", "Query key condition not supported")]
    [InlineData("pk = :p AND kind = :p", "Query key condition not supported")]
    [InlineData("pk = :p AND seq > :ten AND seq < :eleven", "Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key")]
    [InlineData("pk = :p AND seq.x = :ten", "KeyConditionExpressions cannot have conditions on nested attributes")]
    [InlineData("pk = :ten", "One or more parameter values were invalid: Condition parameter type does not match schema type")]
    [InlineData("pk = :p AND begins_with(seq, :ten)", "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N")]
    [InlineData("pk = :p AND seq BETWEEN :eleven AND :ten", "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:11}, upper bound operand: AttributeValue: {N:10}")]
    [InlineData("pk = :p OR seq = :ten", "Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: OR")]
    [InlineData("pk <> :p", "Invalid KeyConditionExpression: Unsupported operator on KeyConditionExpression: operator: <>")]
    public async Task Query_KeyConditionTheSchemaDoesNotAllow_ThrowsValidationException(string condition, string message)
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = await EventsAsync(endpoint, seed: false);
        var values = new Dictionary<string, AttributeValue> { [":p"] = new() { S = "a" }, [":ten"] = new() { N = "10" }, [":eleven"] = new() { N = "11" } };
        foreach (var name in values.Keys.Where(name => !condition.Contains(name, StringComparison.Ordinal)).ToList())
        {
            values.Remove(name);
        }

        var error = await Assert.ThrowsAsync<AmazonDynamoDBException>(() => dynamo.QueryAsync(new QueryRequest(Events)
        {
            KeyConditionExpression = condition,
            ExpressionAttributeValues = values,
        }));

        Assert.Equal(("ValidationException", message), (error.ErrorCode, error.Message));
    }

    [Fact]
    public async Task Query_WithIndexName_ThrowsAsForAnIndexTheTableDoesNotHave()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = await EventsAsync(endpoint, seed: false);

        var error = await Assert.ThrowsAsync<AmazonDynamoDBException>(() => dynamo.QueryAsync(new QueryRequest(Events)
        {
            IndexName = "byKind",
            KeyConditionExpression = "kind = :k",
            ExpressionAttributeValues = new() { [":k"] = new() { S = "even" } },
        }));

        Assert.Equal(("ValidationException", "The table does not have the specified index: byKind"), (error.ErrorCode, error.Message));
    }

    /// <summary>EventsTable (pk S, seq N) holding partition "a" with seq 100, 2, 11, 10 and partition "b" with seq 1.</summary>
    private static async Task<AmazonDynamoDBClient> EventsAsync(DynamoDbEndpoint endpoint, bool seed = true)
    {
        endpoint.Service.CreateTable(new(Events, new("pk", DynamoDbKeyType.S), new("seq", DynamoDbKeyType.N)));
        var dynamo = OrdersClient(endpoint);
        if (seed)
        {
            foreach (var (pk, seq) in new[] { ("a", 100), ("a", 2), ("b", 1), ("a", 11), ("a", 10) })
            {
                await dynamo.PutItemAsync(Events, new()
                {
                    ["pk"] = new() { S = pk },
                    ["seq"] = new() { N = seq.ToString(CultureInfo.InvariantCulture) },
                    ["kind"] = new() { S = seq % 2 == 0 ? "even" : "odd" },
                });
            }
        }

        return dynamo;
    }
}
