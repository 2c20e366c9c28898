using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using OrderPipeline.Local.DynamoDb;
using OrderPipeline.TestHelpers.DynamoDb;

namespace OrderPipeline.Local.Tests.DynamoDb;

// Driven through the real AWSSDK.DynamoDBv2 client: it verifies the x-amz-crc32 of every answer and maps the error
// __type to its exception types, so a passing call also proves the wire shapes.
public sealed partial class DynamoDbServiceTests
{
    private const string Orders = "OrdersTable";

    [Fact]
    public async Task CreateTable_OnDemand_DescribeTableShowsAnActiveTableWithItsKeySchemaAndArn()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = endpoint.Client();

        var created = await dynamo.CreateTableAsync(OrdersTableRequest());
        var described = (await dynamo.DescribeTableAsync(Orders)).Table;

        Assert.Equal(TableStatus.ACTIVE, created.TableDescription.TableStatus);
        Assert.Equal("arn:aws:dynamodb:us-east-1:000000000000:table/OrdersTable", described.TableArn);
        Assert.Equal(TableStatus.ACTIVE, described.TableStatus);
        Assert.Equal(BillingMode.PAY_PER_REQUEST, described.BillingModeSummary.BillingMode);
        var key = Assert.Single(described.KeySchema);
        Assert.Equal(("orderId", KeyType.HASH), (key.AttributeName, key.KeyType));
        var definition = Assert.Single(described.AttributeDefinitions);
        Assert.Equal(("orderId", ScalarAttributeType.S), (definition.AttributeName, definition.AttributeType));
        Assert.Equal(0, described.ItemCount);
    }

    [Fact]
    public async Task CreateTable_WithSortKeyAndSse_DescribesBothKeysAndEncryption()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = endpoint.Client();

        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = "events",
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new("pk", ScalarAttributeType.S), new("seq", ScalarAttributeType.N)],
            KeySchema = [new("pk", KeyType.HASH), new("seq", KeyType.RANGE)],
            SSESpecification = new SSESpecification { Enabled = true },
        });
        var described = (await dynamo.DescribeTableAsync("events")).Table;

        Assert.Equal([("pk", KeyType.HASH), ("seq", KeyType.RANGE)],
            described.KeySchema.Select(key => (key.AttributeName, key.KeyType)));
        Assert.Equal(SSEStatus.ENABLED, described.SSEDescription.Status);
    }

    [Fact]
    public async Task CreateTable_WhenTheNameExists_ThrowsResourceInUseException()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = endpoint.Client();
        await dynamo.CreateTableAsync(OrdersTableRequest());

        var error = await Assert.ThrowsAsync<ResourceInUseException>(() => dynamo.CreateTableAsync(OrdersTableRequest()));

        Assert.Equal("Table already exists: OrdersTable", error.Message);
    }

    [Fact]
    public async Task DescribeTable_ForUnknownTable_ThrowsResourceNotFoundException()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = endpoint.Client();

        var error = await Assert.ThrowsAsync<ResourceNotFoundException>(() => dynamo.DescribeTableAsync("missing"));

        Assert.Equal("Requested resource not found: Table: missing not found", error.Message);
    }

    [Fact]
    public async Task ListTables_WithLimit_PagesThroughTheNamesInOrder()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = endpoint.Client();
        foreach (var name in (string[])["ccc", "aaa", "bbb"])
        {
            endpoint.Service.CreateTable(new DynamoDbTableDefinition(name, new("id", DynamoDbKeyType.S)));
        }

        var first = await dynamo.ListTablesAsync(new ListTablesRequest { Limit = 2 });
        var second = await dynamo.ListTablesAsync(new ListTablesRequest
        {
            Limit = 2,
            ExclusiveStartTableName = first.LastEvaluatedTableName,
        });

        Assert.Equal(["aaa", "bbb"], first.TableNames);
        Assert.Equal("bbb", first.LastEvaluatedTableName);
        Assert.Equal(["ccc"], second.TableNames);
        Assert.Null(second.LastEvaluatedTableName);
    }

    [Fact]
    public async Task DeleteTable_ThenDescribeTable_ThrowsResourceNotFoundException()
    {
        await using var endpoint = await DynamoDbEndpoint.StartAsync();
        using var dynamo = endpoint.Client();
        await dynamo.CreateTableAsync(OrdersTableRequest());

        var deleted = await dynamo.DeleteTableAsync(Orders);

        Assert.Equal(TableStatus.DELETING, deleted.TableDescription.TableStatus);
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => dynamo.DescribeTableAsync(Orders));
    }

    [Fact]
    public void CreateTable_OnTheServiceWithABadName_ThrowsArgumentException()
    {
        var service = new DynamoDbService(DynamoDbServiceSettings.Default);

        Assert.Throws<ArgumentException>(() =>
            service.CreateTable(new DynamoDbTableDefinition("a", new("id", DynamoDbKeyType.S))));
    }

    private static CreateTableRequest OrdersTableRequest() => new()
    {
        TableName = Orders,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions = [new("orderId", ScalarAttributeType.S)],
        KeySchema = [new("orderId", KeyType.HASH)],
    };

    private static AmazonDynamoDBClient OrdersClient(DynamoDbEndpoint endpoint)
    {
        endpoint.Service.CreateTable(new DynamoDbTableDefinition(Orders, new("orderId", DynamoDbKeyType.S)));
        return endpoint.Client();
    }
}
