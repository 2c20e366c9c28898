using OrderPipeline.Local.DynamoDb.Tables;

namespace OrderPipeline.Local.DynamoDb.Operations;

/// <summary>The operations the local service answers, by the name after <c>DynamoDB_20120810.</c> in <c>X-Amz-Target</c>.</summary>
internal sealed class DynamoDbOperationTable
{
    private readonly Dictionary<string, Action<DynamoDbCall>> _operations;

    public DynamoDbOperationTable(DynamoDbTableRegistry tables, IDynamoDbServiceObserver observer, TimeProvider time)
    {
        var tableOperations = new DynamoDbTableOperations(tables);
        var items = new DynamoDbItemOperations(tables, observer, time);
        var scan = new DynamoDbScanOperation(tables);
        _operations = new(StringComparer.Ordinal)
        {
            ["CreateTable"] = tableOperations.CreateTable,
            ["DescribeTable"] = tableOperations.DescribeTable,
            ["ListTables"] = tableOperations.ListTables,
            ["DeleteTable"] = tableOperations.DeleteTable,
            ["PutItem"] = items.PutItem,
            ["GetItem"] = items.GetItem,
            ["DeleteItem"] = items.DeleteItem,
            ["Scan"] = scan.Scan,
        };
    }

    public bool TryGet(string operation, out Action<DynamoDbCall> handle) => _operations.TryGetValue(operation, out handle!);
}
