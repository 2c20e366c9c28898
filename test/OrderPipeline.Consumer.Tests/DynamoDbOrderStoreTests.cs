using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using OrderPipeline.Contracts;
using OrderPipeline.Local.DynamoDb;
using OrderPipeline.TestHelpers.DynamoDb;
using OrderPipeline.TestHelpers.Time;

namespace OrderPipeline.Consumer.Tests;

// The store with the real AWSSDK.DynamoDBv2 client against the local DynamoDB endpoint: the request on the wire, the
// item it leaves, and the conditional write's two outcomes.
public sealed class DynamoDbOrderStoreTests : IAsyncLifetime
{
    private const string Table = "OrdersTable";
    private static readonly DateTimeOffset AcceptedAt = new(2026, 11, 26, 5, 13, 57, 123, TimeSpan.Zero);
    private static readonly DateTimeOffset ProcessedAt = new(2026, 11, 26, 5, 13, 58, 456, TimeSpan.Zero);
    private DynamoDbEndpoint _endpoint = null!;

    public async Task InitializeAsync()
    {
        _endpoint = await DynamoDbEndpoint.StartAsync();
        _endpoint.CreateTable(Table, "orderId");
    }

    public async Task DisposeAsync() => await _endpoint.DisposeAsync();

    [Fact]
    public async Task TryAddAsync_NewOrder_SendsOneConditionalPutItemAndReturnsTrue()
    {
        using var client = _endpoint.Client();
        var message = Message();

        var added = await new DynamoDbOrderStore(client, Table).TryAddAsync(message, "m-1", ProcessedAt, CancellationToken.None);

        Assert.Equal(StoreOutcome.Stored, added);
        var request = Assert.Single(_endpoint.Requests);
        Assert.Equal("PutItem", request.Operation);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(Table, body.RootElement.GetProperty("TableName").GetString());
        Assert.Equal("attribute_not_exists(orderId)", body.RootElement.GetProperty("ConditionExpression").GetString());
        Assert.Equal("ALL_OLD", body.RootElement.GetProperty("ReturnValuesOnConditionCheckFailure").GetString());
    }

    [Fact]
    public async Task TryAddAsync_NewOrder_StoresEveryAttribute()
    {
        using var client = _endpoint.Client();
        var message = Message();

        await new DynamoDbOrderStore(client, Table).TryAddAsync(message, "m-1", ProcessedAt, CancellationToken.None);

        var change = Assert.Single(_endpoint.Changes);
        Assert.Null(change.OldImage);
        using var item = JsonDocument.Parse(change.NewImage!);
        var attributes = item.RootElement;
        Assert.Equal(message.OrderId.ToString(), attributes.GetProperty("orderId").GetProperty("S").GetString());
        Assert.Equal("cust-42", attributes.GetProperty("customerId").GetProperty("S").GetString());
        Assert.Equal("EUR", attributes.GetProperty("currency").GetProperty("S").GetString());
        Assert.Equal("43.48", attributes.GetProperty("total").GetProperty("N").GetString());
        Assert.Equal("2", attributes.GetProperty("itemCount").GetProperty("N").GetString());
        Assert.Equal("2026-11-26T05:13:57.123Z", attributes.GetProperty("acceptedAt").GetProperty("S").GetString());
        Assert.Equal("2026-11-26T05:13:58.456Z", attributes.GetProperty("processedAt").GetProperty("S").GetString());
        Assert.Equal("m-1", attributes.GetProperty("messageId").GetProperty("S").GetString());
        Assert.Matches("^[0-9a-f]{64}$", attributes.GetProperty("orderDigest").GetProperty("S").GetString());
        Assert.Equal(9, attributes.EnumerateObject().Count());
    }

    [Fact]
    public async Task TryAddAsync_OrderAlreadyStored_ReturnsFalseAndLeavesTheFirstItem()
    {
        using var client = _endpoint.Client();
        var store = new DynamoDbOrderStore(client, Table);
        var message = Message();
        await store.TryAddAsync(message, "m-1", ProcessedAt, CancellationToken.None);

        var addedAgain = await store.TryAddAsync(message with { AcceptedAt = AcceptedAt.AddSeconds(3) }, "m-2", ProcessedAt.AddSeconds(5), CancellationToken.None);

        Assert.Equal(StoreOutcome.AlreadyStored, addedAgain);
        Assert.Single(_endpoint.Changes);
        var item = await client.GetItemAsync(Table, new Dictionary<string, AttributeValue> { ["orderId"] = new() { S = message.OrderId.ToString() } });
        Assert.Equal("m-1", item.Item["messageId"].S);
    }

    [Fact]
    public async Task TryAddAsync_DifferentOrderUnderTheSameId_ReturnsConflictingOrderAndLeavesTheFirstItem()
    {
        using var client = _endpoint.Client();
        var store = new DynamoDbOrderStore(client, Table);
        var message = Message();
        await store.TryAddAsync(message, "m-1", ProcessedAt, CancellationToken.None);
        var reused = message with { Order = new OrderRequest("cust-42", "EUR", [new OrderItem("BOOK-123", 3, 19.99m)]) };

        var outcome = await store.TryAddAsync(reused, "m-2", ProcessedAt, CancellationToken.None);

        Assert.Equal(StoreOutcome.ConflictingOrder, outcome);
        Assert.Single(_endpoint.Changes);
    }

    [Fact]
    public async Task TryAddAsync_TableMissing_Throws()
    {
        using var client = _endpoint.Client();

        await Assert.ThrowsAsync<ResourceNotFoundException>(
            () => new DynamoDbOrderStore(client, "NoSuchTable").TryAddAsync(Message(), "m-1", ProcessedAt, CancellationToken.None));
    }

    [Fact]
    public async Task TryAddAsync_ServiceFails_ThrowsAndStoresNothing()
    {
        using var client = _endpoint.Client();
        _endpoint.Service.FailNext("PutItem", 1, DynamoDbError.InternalServerError());

        await Assert.ThrowsAsync<InternalServerErrorException>(
            () => new DynamoDbOrderStore(client, Table).TryAddAsync(Message(), "m-1", ProcessedAt, CancellationToken.None));

        Assert.Empty(_endpoint.Changes);
    }

    private static OrderMessage Message() => new(
        OrderId.New(new ManualTimeProvider(AcceptedAt)),
        AcceptedAt,
        new OrderRequest("cust-42", "EUR", [new OrderItem("BOOK-123", 2, 19.99m), new OrderItem("PEN-7", 1, 3.5m)]));
}
