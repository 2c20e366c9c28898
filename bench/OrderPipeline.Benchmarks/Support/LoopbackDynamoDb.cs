using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using OrderPipeline.Local.DynamoDb;

namespace OrderPipeline.Benchmarks.Support;

/// <summary>
/// The local stack's <see cref="DynamoDbService"/> on loopback, without the request recorder of the test helper (a
/// benchmark sends too many requests to keep them), holding one orders table keyed by <c>orderId</c>.
/// </summary>
internal sealed class LoopbackDynamoDb : IAsyncDisposable
{
    public const string TableName = "orders-bench";

    private static readonly DynamoDbTableDefinition OrdersTable =
        new(TableName, new DynamoDbKeyElement("orderId", DynamoDbKeyType.S));

    private readonly DynamoDbService _service;
    private readonly LoopbackKestrel _host;

    private LoopbackDynamoDb(DynamoDbService service, LoopbackKestrel host)
    {
        _service = service;
        _host = host;
    }

    public static async Task<LoopbackDynamoDb> StartAsync()
    {
        var service = new DynamoDbService(DynamoDbServiceSettings.Default);
        service.CreateTable(OrdersTable);
        return new LoopbackDynamoDb(service, await LoopbackKestrel.StartAsync(service.HandleAsync));
    }

    /// <summary>The real SDK client, pointed here, with static credentials and the SDK's default retries.</summary>
    public AmazonDynamoDBClient Client() =>
        new(new BasicAWSCredentials("test", "test"), new AmazonDynamoDBConfig
        {
            ServiceURL = _host.ServiceUrl,
            AuthenticationRegion = "us-east-1",
        });

    /// <summary>Deletes the orders table and creates it again, empty.</summary>
    public async Task EmptyTableAsync(IAmazonDynamoDB client)
    {
        await client.DeleteTableAsync(new DeleteTableRequest { TableName = TableName });
        _service.CreateTable(OrdersTable);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
