using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using OrderPipeline.Local.DynamoDb;
using OrderPipeline.Local.Stack;
using OrderPipeline.TestHelpers.DynamoDb;

namespace OrderPipeline.Local.Tests.DynamoDb;

public sealed partial class DynamoDbServiceTests
{
    [Fact]
    public async Task PutItem_WithoutTheKeyAttribute_ThrowsValidationException()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = OrdersClient(endpoint);

        var error = await Assert.ThrowsAsync<AmazonDynamoDBException>(() => dynamo.PutItemAsync(
            Orders, new() { ["customerId"] = new() { S = "cust-42" } }));

        Assert.Equal(("ValidationException", HttpStatusCode.BadRequest), (error.ErrorCode, error.StatusCode));
        Assert.Equal("One or more parameter values were invalid: Missing the key orderId in the item", error.Message);
        Assert.Empty(endpoint.Changes);
    }

    [Fact]
    public async Task PutItem_WithAKeyOfTheWrongType_ThrowsValidationException()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = OrdersClient(endpoint);

        var error = await Assert.ThrowsAsync<AmazonDynamoDBException>(() => dynamo.PutItemAsync(
            Orders, new() { ["orderId"] = new() { N = "42" } }));

        Assert.Equal("One or more parameter values were invalid: Type mismatch for key orderId expected: S actual: N",
            error.Message);
    }

    [Fact]
    public async Task GetItem_WithAKeyThatIsNotTheSchema_ThrowsValidationException()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = OrdersClient(endpoint);

        var error = await Assert.ThrowsAsync<AmazonDynamoDBException>(() => dynamo.GetItemAsync(
            Orders, new() { ["id"] = new() { S = "o-1" } }));

        Assert.Equal(("ValidationException", "The provided key element does not match the schema"),
            (error.ErrorCode, error.Message));
    }

    [Fact]
    public async Task PutItem_ToUnknownTable_ThrowsResourceNotFoundException()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = endpoint.Client();

        var error = await Assert.ThrowsAsync<ResourceNotFoundException>(
            () => dynamo.PutItemAsync("missing", Order("o-1", "cust-42")));

        Assert.Equal("Requested resource not found", error.Message);
    }

    [Fact]
    public async Task PutItem_WithAnUndefinedNamePlaceholder_ThrowsValidationException()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = OrdersClient(endpoint);

        var error = await Assert.ThrowsAsync<AmazonDynamoDBException>(() => dynamo.PutItemAsync(
            new PutItemRequest(Orders, Order("o-1", "cust-42")) { ConditionExpression = "attribute_not_exists(#id)" }));

        Assert.Equal("Invalid ConditionExpression: An expression attribute name used in the document path is not "
            + "defined; attribute name: #id", error.Message);
        Assert.Empty(endpoint.Changes);
    }

    [Fact]
    public async Task PutItem_OverFourHundredKilobytes_ThrowsValidationException()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = OrdersClient(endpoint);
        var item = Order("o-1", "cust-42");
        item["payload"] = new() { S = new string('x', 400 * 1024) };

        var error = await Assert.ThrowsAsync<AmazonDynamoDBException>(() => dynamo.PutItemAsync(Orders, item));

        Assert.Equal(("ValidationException", "Item size has exceeded the maximum allowed size"), (error.ErrorCode, error.Message));
        Assert.Empty(endpoint.Changes);
    }

    [Fact]
    public async Task PutItem_WhenAFaultIsInjected_ThrowsInternalServerErrorWithStatus500()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = OrdersClient(endpoint);
        endpoint.Service.FailNext("PutItem", 1, DynamoDbError.InternalServerError());

        var error = await Assert.ThrowsAsync<InternalServerErrorException>(
            () => dynamo.PutItemAsync(Orders, Order("o-1", "cust-42")));
        await dynamo.PutItemAsync(Orders, Order("o-1", "cust-42"));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Single(endpoint.Changes);
    }

    [Fact]
    public async Task FaultRates_ScopedToPutItem_FailOnlyPutItemAndReportWhatTheyInjected()
    {
        var rates = new DynamoDbFaultRates(1, 0, 11, new HashSet<string> { "PutItem" });
        await using var endpoint = await DynamoDbEndpoint.StartAsync(DynamoDbServiceSettings.Default with { FaultRates = rates });
        using var dynamo = OrdersClient(endpoint);

        await Assert.ThrowsAsync<InternalServerErrorException>(() => dynamo.PutItemAsync(Orders, Order("o-1", "cust-42")));
        await Assert.ThrowsAsync<InternalServerErrorException>(() => dynamo.PutItemAsync(Orders, Order("o-2", "cust-42")));
        var scanned = await dynamo.ScanAsync(new ScanRequest(Orders));
        var got = await dynamo.GetItemAsync(Orders, Key("o-1"));

        Assert.Equal(0, scanned.Count);
        Assert.False(got.IsItemSet);
        Assert.Empty(endpoint.Changes);
        Assert.Equal([new InjectedFault("PutItem", "InternalServerError", 2)], endpoint.Service.InjectedFaults());
    }

    [Fact]
    public async Task Scan_WithAStartKeyOfAnotherShape_ThrowsValidationException()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = OrdersClient(endpoint);

        var error = await Assert.ThrowsAsync<AmazonDynamoDBException>(() => dynamo.ScanAsync(new ScanRequest(Orders)
        {
            ExclusiveStartKey = new() { ["orderId"] = new() { N = "1" } },
        }));

        Assert.Equal("The provided starting key is invalid: The provided key element does not match the schema",
            error.Message);
    }

    [Theory]
    [InlineData("""{"TableName":"OrdersTable","Item":{"orderId":{"S":"o-1"},"n":{"N":"12abc"}}}""",
        "ValidationException", "The parameter cannot be converted to a numeric value: 12abc")]
    [InlineData("""{"TableName":"OrdersTable","Item":{"orderId":{"S":"o-1"},"s":{"SS":[]}}}""",
        "ValidationException", "One or more parameter values were invalid: An string set  may not be empty")]
    [InlineData("""{"TableName":"OrdersTable","Item":{"orderId":{"S":"o-1"},"s":{"SS":["a","a"]}}}""",
        "ValidationException", "One or more parameter values were invalid: Input collection [a, a] contains duplicates.")]
    [InlineData("""{"TableName":"OrdersTable","Item":{"orderId":{"S":"o-1"},"v":{}}}""",
        "ValidationException", "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")]
    [InlineData("""{"TableName":"OrdersTable","Item":{"orderId":{"S":"o-1","N":"1"}}}""",
        "ValidationException",
        "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")]
    [InlineData("""{"TableName":"OrdersTable","Item":{"orderId":{"S":""}}}""",
        "ValidationException", "One or more parameter values are not valid. The AttributeValue for a key attribute "
        + "cannot contain an empty string value. Key: orderId")]
    [InlineData("""{"TableName":"OrdersTable","Item":{"orderId":{"S":"o-1"}},"ConditionExpression":"orderId = :v"}""",
        "ValidationException", "Invalid ConditionExpression: An expression attribute value used in expression is not "
        + "defined; attribute value: :v")]
    [InlineData("""{"TableName":"OrdersTable","Item":{"orderId":{"S":"o-1"}},"ConditionExpression":"attribute_exists(orderId)","ExpressionAttributeNames":{}}""",
        "ValidationException", "ExpressionAttributeNames must not be empty")]
    [InlineData("""{"TableName":"OrdersTable","Item":{"orderId":{"S":"o-1"}},"ConditionExpression":"attribute_exists(orderId"}""",
        "ValidationException", "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"orderId\"")]
    [InlineData("""{"TableName":"OrdersTable","Item":{"orderId":{"S":"o-1"}},"ExpressionAttributeNames":{"#a":"x"},"ConditionExpression":"attribute_not_exists(orderId)"}""",
        "ValidationException", "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a}")]
    [InlineData("""{"TableName":"OrdersTable","Item":{"orderId":{"S":"o-1"}},"ReturnValues":"ALL_NEW"}""",
        "ValidationException", "Return values set to invalid value")]
    [InlineData("""{"TableName":"ab","Item":{"orderId":{"S":"o-1"}}}""",
        "ValidationException", "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: "
        + "Member must have length greater than or equal to 3")]
    [InlineData("""{"Item":{"orderId":{"S":"o-1"}}}""",
        "ValidationException", "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: "
        + "Member must not be null")]
    [InlineData("""{"TableName":"OrdersTable","Item":{"orderId":{"S":"o-1"},"n":{"NULL":false}}}""",
        "ValidationException", "One or more parameter values were invalid: Null attribute value types must have the value of true")]
    [InlineData("""{"TableName":"OrdersTable","Item":["not","a","map"]}""",
        "SerializationException", "Member Item must be a structure or map.")]
    [InlineData("""{"TableName":"OrdersTable","Item":{"orderId":{"S":1}}}""",
        "SerializationException", "Member S must be a string.")]
    [InlineData("""{"TableName":"OrdersTable","Item":{"orderId":{"S":"o-1"}""",
        "SerializationException", "The request body is not valid JSON.")]
    [InlineData("[]", "SerializationException", "The request body must be a JSON object.")]
    public async Task PutItem_WithBadInput_AnswersTheDynamoDbErrorAndStoresNothing(string body, string code, string message)
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        OrdersClient(endpoint).Dispose();

        var answer = await RawAsync(endpoint, "PutItem", body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal((code, message), ErrorOf(answer));
        Assert.Empty(endpoint.Changes);
    }
}
