using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace OrderPipeline.Local.Cli.Trial;

/// <summary>Reads the order ids stored in the orders table, with paginated Scans.</summary>
internal sealed class OrdersTable(IAmazonDynamoDB dynamoDb, string tableName)
{
    public string Name => tableName;

    public async Task<IReadOnlySet<string>> OrderIdsAsync(CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var page = await dynamoDb.ScanAsync(
                new ScanRequest { TableName = tableName, ExclusiveStartKey = startKey },
                cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items ?? [])
            {
                if (item.TryGetValue(OrderIdReader.Field, out var id) && id.S is { } value)
                {
                    ids.Add(value);
                }
            }

            startKey = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (startKey is not null);

        return ids;
    }
}
