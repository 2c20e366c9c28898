using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using OrderPipeline.TestHelpers.DynamoDb;

namespace OrderPipeline.Local.Tests.DynamoDb;

// UpdateItem as the API reference and "Using update expressions in DynamoDB" describe it:
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html
public sealed partial class DynamoDbServiceTests
{
    [Fact]
    public async Task UpdateItem_AbsentItem_CreatesItFromTheKeyAndTheSetActions()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = OrdersClient(endpoint);

        var answer = await dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = Orders,
            Key = Key("o-1"),
            UpdateExpression = "SET #s = :s, attempts = if_not_exists(attempts, :zero) + :one",
            ExpressionAttributeNames = new() { ["#s"] = "status" },
            ExpressionAttributeValues = new() { [":s"] = new() { S = "accepted" }, [":zero"] = new() { N = "0" }, [":one"] = new() { N = "1" } },
            ReturnValues = ReturnValue.ALL_NEW,
        });

        Assert.Equal(["attempts", "orderId", "status"], answer.Attributes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("o-1", "accepted", "1"), (answer.Attributes["orderId"].S, answer.Attributes["status"].S, answer.Attributes["attempts"].N));
        var stored = (await dynamo.GetItemAsync(Orders, Key("o-1"))).Item;
        Assert.Equal("1", stored["attempts"].N);
        var change = Assert.Single(endpoint.Changes);
        Assert.Equal(("UpdateItem", null), (change.Operation, change.OldImage));
    }

    [Fact]
    public async Task UpdateItem_Counter_AddsAndSubtractsExactlyAcrossCalls()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = OrdersClient(endpoint);
        await dynamo.PutItemAsync(Orders, new() { ["orderId"] = new() { S = "o-1" }, ["total"] = new() { N = "0.1" } });

        await dynamo.UpdateItemAsync(Update("SET total = total + :a", (":a", new() { N = "0.2" })));
        await dynamo.UpdateItemAsync(Update("ADD total :b", (":b", new() { N = "99999999999999999999999999999999999" })));
        var answer = await dynamo.UpdateItemAsync(Returning(ReturnValue.UPDATED_NEW, Update("SET total = total - :c", (":c", new() { N = "1E35" }))));

        Assert.Equal("-0.7", Assert.Single(answer.Attributes).Value.N);
    }

    [Fact]
    public async Task UpdateItem_ListAppendRemoveAndNestedSet_ChangeOnlyThosePaths()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = OrdersClient(endpoint);
        await dynamo.PutItemAsync(Orders, new()
        {
            ["orderId"] = new() { S = "o-1" },
            ["events"] = new() { L = [new() { S = "a" }, new() { S = "b" }, new() { S = "c" }] },
            ["address"] = new() { M = new() { ["city"] = new() { S = "Lyon" }, ["zip"] = new() { S = "69001" } } },
            ["history"] = new() { L = [new() { S = "h0" }, new() { S = "h1" }] },
            ["note"] = new() { S = "drop me" },
        });

        var answer = await dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = Orders,
            Key = Key("o-1"),
            UpdateExpression = "SET events = list_append(events, :more), address.city = :city REMOVE note, history[0]",
            ExpressionAttributeValues = new() { [":more"] = new() { L = [new() { S = "d" }] }, [":city"] = new() { S = "Paris" } },
            ReturnValues = ReturnValue.UPDATED_OLD,
        });
        var stored = (await dynamo.GetItemAsync(Orders, Key("o-1"))).Item;

        Assert.Equal(["a", "b", "c", "d"], stored["events"].L.Select(value => value.S));
        Assert.Equal(["h1"], stored["history"].L.Select(value => value.S));
        Assert.Equal(("Paris", "69001"), (stored["address"].M["city"].S, stored["address"].M["zip"].S));
        Assert.False(stored.ContainsKey("note"));
        Assert.Equal(["address", "events", "history", "note"], answer.Attributes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["h0"], answer.Attributes["history"].L.Select(value => value.S));
        Assert.Equal(["city"], answer.Attributes["address"].M.Keys);
        Assert.Equal("Lyon", answer.Attributes["address"].M["city"].S);
    }

    [Fact]
    public async Task UpdateItem_AddAndDeleteOnSets_UnionAndDifferenceRemovingAnEmptySet()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = OrdersClient(endpoint);

        await dynamo.UpdateItemAsync(Update("ADD tags :t", (":t", new() { SS = ["x", "y"] })));
        await dynamo.UpdateItemAsync(Update("ADD tags :t DELETE codes :c", (":t", new() { SS = ["y", "z"] }), (":c", new() { NS = ["1"] })));
        var afterAdd = (await dynamo.GetItemAsync(Orders, Key("o-1"))).Item;
        await dynamo.UpdateItemAsync(Update("DELETE tags :t", (":t", new() { SS = ["x", "y", "z"] })));
        var afterDelete = (await dynamo.GetItemAsync(Orders, Key("o-1"))).Item;

        Assert.Equal(["x", "y", "z"], afterAdd["tags"].SS.Order(StringComparer.Ordinal));
        Assert.False(afterAdd.ContainsKey("codes"));
        Assert.Equal(["orderId"], afterDelete.Keys);
    }

    [Fact]
    public async Task UpdateItem_ConditionFails_KeepsTheItemAndReturnsItWhenAsked()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = OrdersClient(endpoint);
        await dynamo.PutItemAsync(Orders, Order("o-1", "c-1"));
        var request = Update("SET customerId = :c", (":c", new() { S = "c-2" }), (":expected", new() { S = "other" }));
        request.ConditionExpression = "customerId = :expected";
        request.ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD;

        var error = await Assert.ThrowsAsync<ConditionalCheckFailedException>(() => dynamo.UpdateItemAsync(request));

        Assert.Equal("c-1", error.Item["customerId"].S);
        Assert.Equal("c-1", (await dynamo.GetItemAsync(Orders, Key("o-1"))).Item["customerId"].S);
    }

    [Fact]
    public async Task UpdateItem_ReturnValuesAllOld_ReturnsTheItemBeforeTheUpdate()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = OrdersClient(endpoint);
        await dynamo.PutItemAsync(Orders, Order("o-1", "c-1"));

        var answer = await dynamo.UpdateItemAsync(Returning(ReturnValue.ALL_OLD, Update("SET customerId = :c", (":c", new() { S = "c-2" }))));

        Assert.Equal(("o-1", "c-1"), (answer.Attributes["orderId"].S, answer.Attributes["customerId"].S));
    }

    [Theory]
    [InlineData("SET orderId = :v", "One or more parameter values were invalid: Cannot update attribute orderId. This attribute is part of the key")]
    [InlineData("SET a = :v, a.b = :v", "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]")]
    [InlineData("SET a = :v SET b = :v", "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;")]
    [InlineData("ADD a :v", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING")]
    [InlineData("SET a = :v + :v", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S")]
    [InlineData("SET a = list_append(:v, :v)", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: S")]
    [InlineData("SET a = size(:v)", "Invalid UpdateExpression: Invalid function name; function: size")]
    [InlineData("SET a = missing, b = :v", "The provided expression refers to an attribute that does not exist in the item")]
    [InlineData("SET customerId = customerId + :one, a = :v", "An operand in the update expression has an incorrect data type")]
    [InlineData("SET nothere.b = :v", "The document path provided in the update expression is invalid for update")]
    [InlineData("UPSERT a = :v", "Invalid UpdateExpression: Syntax error; token: \"UPSERT\", near: \"UPSERT\"")]
    public async Task UpdateItem_InvalidExpression_ThrowsDynamoDbsValidationException(string expression, string message)
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = OrdersClient(endpoint);
        await dynamo.PutItemAsync(Orders, Order("o-1", "c-1"));
        var values = new Dictionary<string, AttributeValue> { [":v"] = new() { S = "x" } };
        if (expression.Contains(":one", StringComparison.Ordinal))
        {
            values[":one"] = new() { N = "1" };
        }

        var error = await Assert.ThrowsAsync<AmazonDynamoDBException>(() => dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = Orders,
            Key = Key("o-1"),
            UpdateExpression = expression,
            ExpressionAttributeValues = values,
        }));

        Assert.Equal(("ValidationException", message), (error.ErrorCode, error.Message));
        Assert.Equal("c-1", (await dynamo.GetItemAsync(Orders, Key("o-1"))).Item["customerId"].S);
    }

    [Fact]
    public async Task UpdateItem_LegacyAttributeUpdates_IsRefusedAsUnsupported()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = OrdersClient(endpoint);

        var error = await Assert.ThrowsAsync<AmazonDynamoDBException>(() => dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = Orders,
            Key = Key("o-1"),
            AttributeUpdates = new() { ["status"] = new AttributeValueUpdate(new AttributeValue { S = "x" }, AttributeAction.PUT) },
        }));

        Assert.Equal(("ValidationException", "AttributeUpdates is not supported by this local DynamoDB endpoint."), (error.ErrorCode, error.Message));
        Assert.Empty(endpoint.Changes);
    }

    private static UpdateItemRequest Returning(ReturnValue returnValues, UpdateItemRequest request)
    {
        request.ReturnValues = returnValues;
        return request;
    }

    private static UpdateItemRequest Update(string expression, params (string Name, AttributeValue Value)[] values) => new()
    {
        TableName = Orders,
        Key = Key("o-1"),
        UpdateExpression = expression,
        ExpressionAttributeValues = values.ToDictionary(value => value.Name, value => value.Value),
    };
}
