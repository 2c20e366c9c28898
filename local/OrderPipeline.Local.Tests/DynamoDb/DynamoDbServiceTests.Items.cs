using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using OrderPipeline.TestHelpers.DynamoDb;

namespace OrderPipeline.Local.Tests.DynamoDb;

public sealed partial class DynamoDbServiceTests
{
    [Fact]
    public async Task PutItem_ThenGetItem_ReturnsTheItem()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = OrdersClient(endpoint);

        await dynamo.PutItemAsync(Orders, Order("o-1", "cust-42"));
        var read = await dynamo.GetItemAsync(new GetItemRequest(Orders, Key("o-1")) { ConsistentRead = true });

        Assert.Equal("o-1", read.Item["orderId"].S);
        Assert.Equal("cust-42", read.Item["customerId"].S);
        var change = Assert.Single(endpoint.Changes);
        Assert.Equal((Orders, "PutItem", null), (change.TableName, change.Operation, change.OldImage));
    }

    [Fact]
    public async Task PutItem_ConditionalOnAttributeNotExistsTwice_SecondThrowsAndLeavesTheItemUnchanged()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = OrdersClient(endpoint);

        await dynamo.PutItemAsync(ConditionalPut(Order("o-1", "first")));
        var error = await Assert.ThrowsAsync<ConditionalCheckFailedException>(
            () => dynamo.PutItemAsync(ConditionalPut(Order("o-1", "second"))));

        Assert.Equal("The conditional request failed", error.Message);
        Assert.Equal("first", (await dynamo.GetItemAsync(Orders, Key("o-1"))).Item["customerId"].S);
        Assert.Single(endpoint.Changes);
    }

    [Fact]
    public async Task PutItem_FailedConditionWithReturnValuesOnFailure_ReturnsTheCurrentItemInTheError()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = OrdersClient(endpoint);
        await dynamo.PutItemAsync(Orders, Order("o-1", "first"));

        var request = ConditionalPut(Order("o-1", "second"));
        request.ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD;
        var error = await Assert.ThrowsAsync<ConditionalCheckFailedException>(() => dynamo.PutItemAsync(request));

        Assert.Equal("first", error.Item["customerId"].S);
    }

    [Fact]
    public async Task PutItem_EveryAttributeType_RoundTripsExactlyAsSent()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = OrdersClient(endpoint);
        var item = new Dictionary<string, AttributeValue>
        {
            ["orderId"] = new() { S = "o-1" },
            ["total"] = new() { N = "39.980" },
            ["blob"] = new() { B = new MemoryStream([0, 1, 254, 255]) },
            ["paid"] = new() { BOOL = true },
            ["note"] = new() { NULL = true },
            ["empty"] = new() { S = string.Empty },
            ["tags"] = new() { SS = ["b", "a"] },
            ["sizes"] = new() { NS = ["1", "2.50"] },
            ["keys"] = new() { BS = [new MemoryStream([1]), new MemoryStream([2])] },
            ["items"] = new() { L = [new() { M = new() { ["sku"] = new() { S = "BOOK-123" } } }, new() { N = "2" }] },
        };

        await dynamo.PutItemAsync(Orders, item);
        await dynamo.GetItemAsync(Orders, Key("o-1"));

        // The item in the GetItem answer is byte for byte the item in the PutItem request.
        using var put = JsonDocument.Parse(endpoint.Requests[0].Body);
        var answer = await RawAsync(endpoint, "GetItem", """{"TableName":"OrdersTable","Key":{"orderId":{"S":"o-1"}}}""");
        using var got = JsonDocument.Parse(answer.Body);
        Assert.Equal(put.RootElement.GetProperty("Item").GetRawText(), got.RootElement.GetProperty("Item").GetRawText());
        Assert.Contains("\"N\":\"39.980\"", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetItem_AfterPutOfEveryType_TheSdkReadsEachValue()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = OrdersClient(endpoint);
        await RawAsync(endpoint, "PutItem", """
            {"TableName":"OrdersTable","Item":{"orderId":{"S":"o-1"},"n":{"N":"1.50"},"b":{"B":"AAH+/w=="},
             "t":{"BOOL":false},"z":{"NULL":true},"ss":{"SS":["x"]},"ns":{"NS":["3"]},"bs":{"BS":["AQ=="]},
             "l":{"L":[{"S":"a"}]},"m":{"M":{"k":{"N":"7"}}}}}
            """);

        var item = (await dynamo.GetItemAsync(Orders, Key("o-1"))).Item;

        Assert.Equal("1.50", item["n"].N);
        Assert.Equal([0, 1, 254, 255], item["b"].B.ToArray());
        Assert.False(item["t"].BOOL);
        Assert.True(item["z"].NULL);
        Assert.Equal(["x"], item["ss"].SS);
        Assert.Equal(["3"], item["ns"].NS);
        Assert.Equal([1], Assert.Single(item["bs"].BS).ToArray());
        Assert.Equal("a", Assert.Single(item["l"].L).S);
        Assert.Equal("7", item["m"].M["k"].N);
    }

    [Fact]
    public async Task PutItem_WithReturnValuesAllOld_ReturnsTheReplacedItem()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = OrdersClient(endpoint);
        await dynamo.PutItemAsync(Orders, Order("o-1", "first"));

        var replaced = await dynamo.PutItemAsync(new PutItemRequest(Orders, Order("o-1", "second"))
        {
            ReturnValues = ReturnValue.ALL_OLD,
        });

        Assert.Equal("first", replaced.Attributes["customerId"].S);
        Assert.Equal("second", (await dynamo.GetItemAsync(Orders, Key("o-1"))).Item["customerId"].S);
    }

    [Fact]
    public async Task GetItem_ForAbsentKey_ReturnsNoItem()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = OrdersClient(endpoint);

        var read = await dynamo.GetItemAsync(Orders, Key("missing"));

        Assert.False(read.IsItemSet);
    }

    [Fact]
    public async Task GetItem_WithProjectionExpression_ReturnsOnlyTheProjectedPaths()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = OrdersClient(endpoint);
        var item = Order("o-1", "cust-42");
        item["order"] = new() { M = new() { ["currency"] = new() { S = "EUR" }, ["lines"] = new() { N = "3" } } };
        await dynamo.PutItemAsync(Orders, item);

        var read = await dynamo.GetItemAsync(new GetItemRequest(Orders, Key("o-1"))
        {
            ProjectionExpression = "#c, #o.currency",
            ExpressionAttributeNames = new() { ["#c"] = "customerId", ["#o"] = "order" },
        });

        Assert.Equal(["customerId", "order"], read.Item.Keys.Order());
        Assert.Equal(["currency"], read.Item["order"].M.Keys);
    }

    [Fact]
    public async Task DeleteItem_WithReturnValuesAllOld_RemovesAndReturnsTheItem()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = OrdersClient(endpoint);
        await dynamo.PutItemAsync(Orders, Order("o-1", "cust-42"));

        var deleted = await dynamo.DeleteItemAsync(new DeleteItemRequest(Orders, Key("o-1")) { ReturnValues = ReturnValue.ALL_OLD });

        Assert.Equal("cust-42", deleted.Attributes["customerId"].S);
        Assert.False((await dynamo.GetItemAsync(Orders, Key("o-1"))).IsItemSet);
        Assert.Equal("DeleteItem", endpoint.Changes[^1].Operation);
    }

    [Fact]
    public async Task DeleteItem_WhenTheConditionFails_KeepsTheItem()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = OrdersClient(endpoint);
        await dynamo.PutItemAsync(Orders, Order("o-1", "cust-42"));

        await Assert.ThrowsAsync<ConditionalCheckFailedException>(() => dynamo.DeleteItemAsync(
            new DeleteItemRequest(Orders, Key("o-1"))
            {
                ConditionExpression = "customerId = :c",
                ExpressionAttributeValues = new() { [":c"] = new() { S = "someone-else" } },
            }));

        Assert.True((await dynamo.GetItemAsync(Orders, Key("o-1"))).IsItemSet);
    }

    [Fact]
    public async Task Scan_WithLimit_PagesThroughEveryItemExactlyOnce()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = OrdersClient(endpoint);
        for (var index = 0; index < 7; index++)
        {
            await dynamo.PutItemAsync(Orders, Order($"o-{index}", "cust"));
        }

        var seen = new List<string>();
        var pages = 0;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.ScanAsync(new ScanRequest(Orders) { Limit = 3, ExclusiveStartKey = start });
            seen.AddRange(page.Items.Select(item => item["orderId"].S));
            start = page.LastEvaluatedKey;
            pages++;
        }
        while (start is { Count: > 0 });

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 7).Select(index => $"o-{index}").Order(), seen.Order());
    }

    [Fact]
    public async Task Scan_WithFilterExpression_CountsScannedAndMatchingItems()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = OrdersClient(endpoint);
        await dynamo.PutItemAsync(Orders, Order("o-1", "alice"));
        await dynamo.PutItemAsync(Orders, Order("o-2", "bob"));

        var page = await dynamo.ScanAsync(new ScanRequest(Orders)
        {
            FilterExpression = "begins_with(customerId, :prefix)",
            ExpressionAttributeValues = new() { [":prefix"] = new() { S = "al" } },
        });

        Assert.Equal((1, 2), (page.Count, page.ScannedCount));
        Assert.Equal("o-1", Assert.Single(page.Items)["orderId"].S);
    }

    private static PutItemRequest ConditionalPut(Dictionary<string, AttributeValue> item) => new(Orders, item)
    {
        ConditionExpression = "attribute_not_exists(#id)",
        ExpressionAttributeNames = new() { ["#id"] = "orderId" },
    };

    private static Dictionary<string, AttributeValue> Order(string orderId, string customerId) => new()
    {
        ["orderId"] = new() { S = orderId },
        ["customerId"] = new() { S = customerId },
    };

    private static Dictionary<string, AttributeValue> Key(string orderId) => new() { ["orderId"] = new() { S = orderId } };
}
