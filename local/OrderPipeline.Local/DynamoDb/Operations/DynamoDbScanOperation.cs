using OrderPipeline.Local.DynamoDb.Tables;

namespace OrderPipeline.Local.DynamoDb.Operations;

/// <summary>
/// Scan: pages through a table in a stable key order, reading at most <c>Limit</c> items and at most 1 MB per page,
/// then applying FilterExpression and ProjectionExpression. <c>LastEvaluatedKey</c> (the key of the last item read)
/// is answered only when more items follow.
/// </summary>
internal sealed class DynamoDbScanOperation(DynamoDbTableRegistry tables)
{
    private const long MaxPageBytes = 1024 * 1024;
    private const string StartKeyError = "The provided starting key is invalid: ";

    public void Scan(DynamoDbCall call)
    {
        var request = call.Request;
        var tableName = DynamoDbJson.TableName(request);
        var limit = DynamoDbJson.OptionalLong(request, "Limit");
        if (limit is < 1)
        {
            throw DynamoDbJson.Constraint(limit.Value, "limit", "Member must have value greater than or equal to 1");
        }

        var startKey = DynamoDbJson.AttributeMap(request, "ExclusiveStartKey") is { } start
            ? DynamoDbJson.ToDictionary(start.Map)
            : null;
        var options = new DynamoDbItemRequest(request, "FilterExpression", projection: true);
        var select = DynamoDbJson.Enum(request, "Select", "select",
            "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT") ?? "ALL_ATTRIBUTES";
        var consistent = DynamoDbJson.OptionalBool(request, "ConsistentRead");
        var table = tables.Get(tableName, _ => DynamoDbError.ResourceNotFound());
        var after = startKey is null ? null : table.KeySchema.KeyOfKey(startKey, StartKeyError);

        var (scanned, more) = table.Page(after, limit ?? long.MaxValue, MaxPageBytes);
        var matching = scanned.Where(item => options.Holds(item.Attributes)).ToList();

        var writer = call.Writer;
        writer.WriteStartObject();
        if (select != "COUNT")
        {
            writer.WriteStartArray("Items");
            foreach (var item in matching)
            {
                if (options.Projection is null)
                {
                    writer.WriteRawValue(item.Json, skipInputValidation: true);
                }
                else
                {
                    options.Projection.WriteItem(writer, item.Attributes);
                }
            }

            writer.WriteEndArray();
        }

        writer.WriteNumber("Count", matching.Count);
        writer.WriteNumber("ScannedCount", scanned.Count);
        if (more)
        {
            writer.WriteStartObject("LastEvaluatedKey");
            foreach (var (name, value) in table.KeySchema.KeyAttributes(scanned[^1].Attributes))
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        options.WriteConsumedCapacity(writer, table.Name, scanned.Sum(item => item.Size), write: false, consistent);
        writer.WriteEndObject();
    }
}
