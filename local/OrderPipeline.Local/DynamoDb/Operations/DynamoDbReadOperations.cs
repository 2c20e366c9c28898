using System.Text.Json;
using OrderPipeline.Local.DynamoDb.Expressions;
using OrderPipeline.Local.DynamoDb.Tables;

namespace OrderPipeline.Local.DynamoDb.Operations;

/// <summary>
/// The two reads that page through a table: Scan, the whole table in a stable key order, and Query
/// (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html) on the table's primary key, the items
/// of one partition whose sort key meets the KeyConditionExpression, in sort key order (reversed by
/// <c>ScanIndexForward: false</c>). Both start after <c>ExclusiveStartKey</c>, read at most <c>Limit</c> items and 1 MB a
/// page, then apply FilterExpression and ProjectionExpression (<c>Count</c> counts what the filter kept,
/// <c>ScannedCount</c> what was read), and answer <c>LastEvaluatedKey</c> (the key of the last item read) only when
/// more items follow. The local tables have no secondary indexes, so a Query's <c>IndexName</c> is refused as DynamoDB
/// refuses an index the table does not have.
/// </summary>
internal sealed class DynamoDbReadOperations(DynamoDbTableRegistry tables)
{
    private const long MaxPageBytes = 1024 * 1024;
    private const string StartKeyError = "The provided starting key is invalid: ";

    public void Scan(DynamoDbCall call)
    {
        var request = call.Request;
        var tableName = DynamoDbJson.TableName(request);
        var (limit, startKey) = Paging(request);
        var options = new DynamoDbItemRequest(request, "FilterExpression", projection: true);
        var select = Select(request);
        var consistent = DynamoDbJson.OptionalBool(request, "ConsistentRead");
        var table = tables.Get(tableName, _ => DynamoDbError.ResourceNotFound());
        var after = startKey is null ? null : table.KeySchema.KeyOfKey(startKey, StartKeyError);

        var (scanned, more) = table.Page(after, limit ?? long.MaxValue, MaxPageBytes);
        WritePage(call.Writer, table, options, select, scanned, more, scanned.Sum(item => item.Size), consistent);
    }

    public void Query(DynamoDbCall call)
    {
        var request = call.Request;
        var tableName = DynamoDbJson.TableName(request);
        var (limit, startKey) = Paging(request);
        KeyCondition? keyCondition = null;
        var options = new DynamoDbItemRequest(request, "FilterExpression", projection: true, attributes =>
        {
            keyCondition = DynamoDbJson.OptionalString(request, KeyCondition.Member) is { } text
                ? KeyCondition.Parse(text, attributes)
                : null;
            return keyCondition is not null;
        });
        var select = Select(request);
        var forward = DynamoDbJson.Member(request, "ScanIndexForward", JsonValueKind.True) is not { } direction
            || direction.GetBoolean();
        var consistent = DynamoDbJson.OptionalBool(request, "ConsistentRead");
        var table = tables.Get(tableName, _ => DynamoDbError.ResourceNotFound());
        if (DynamoDbJson.OptionalString(request, "IndexName") is { } indexName)
        {
            throw new DynamoDbProtocolException(DynamoDbError.Validation(
                $"The table does not have the specified index: {indexName}"));
        }

        if (select == "ALL_PROJECTED_ATTRIBUTES")
        {
            throw new DynamoDbProtocolException(DynamoDbError.Validation(
                "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"));
        }

        if (keyCondition is null)
        {
            throw new DynamoDbProtocolException(DynamoDbError.Validation(
                "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request."));
        }

        var (partitionValue, sortKeyHolds) = keyCondition.Bind(table.KeySchema);
        var schema = table.KeySchema;
        var after = startKey is null ? null : schema.KeyOfKey(startKey, StartKeyError);
        var candidates = Candidates(table, partitionValue, sortKeyHolds, forward);
        if (after is not null)
        {
            var position = candidates.FindIndex(item => schema.KeyOfItem(item.Attributes) == after);
            candidates = position >= 0
                ? candidates[(position + 1)..]
                : [.. candidates.Where(item => schema.SortKey is { } sortKey
                    && AttributeValues.Compare(item.Attributes[sortKey.Name], startKey![sortKey.Name]) is { } order
                    && (forward ? order > 0 : order < 0))];
        }

        var read = new List<DynamoDbStoredItem>();
        var bytes = 0L;
        var more = false;
        foreach (var item in candidates)
        {
            if (read.Count == (limit ?? long.MaxValue) || bytes >= MaxPageBytes)
            {
                more = true;
                break;
            }

            read.Add(item);
            bytes += item.Size;
        }

        WritePage(call.Writer, table, options, select, read, more, bytes, consistent);
    }


    private static (long? Limit, Dictionary<string, JsonElement>? StartKey) Paging(JsonElement request)
    {
        var limit = DynamoDbJson.OptionalLong(request, "Limit");
        if (limit is < 1)
        {
            throw DynamoDbJson.Constraint(limit.Value, "limit", "Member must have value greater than or equal to 1");
        }

        var startKey = DynamoDbJson.AttributeMap(request, "ExclusiveStartKey") is { } start
            ? DynamoDbJson.ToDictionary(start.Map)
            : null;
        return (limit, startKey);
    }

    private static string Select(JsonElement request) =>
        DynamoDbJson.Enum(request, "Select", "select",
            "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT") ?? "ALL_ATTRIBUTES";

    /// <summary>The page: the items <paramref name="read"/> that the filter keeps (unless counting), the counts, the key to go on from.</summary>
    private static void WritePage(
        Utf8JsonWriter writer,
        DynamoDbTable table,
        DynamoDbItemRequest options,
        string select,
        IReadOnlyList<DynamoDbStoredItem> read,
        bool more,
        long bytes,
        bool consistent)
    {
        var matching = read.Where(item => options.Holds(item.Attributes)).ToList();
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
        writer.WriteNumber("ScannedCount", read.Count);
        if (more)
        {
            writer.WriteStartObject("LastEvaluatedKey");
            foreach (var (name, value) in table.KeySchema.KeyAttributes(read[^1].Attributes))
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        options.WriteConsumedCapacity(writer, table.Name, bytes, write: false, consistent);
        writer.WriteEndObject();
    }

    /// <summary>The partition's items that meet the sort key condition, in sort key order.</summary>
    private static List<DynamoDbStoredItem> Candidates(
        DynamoDbTable table, JsonElement partitionValue, Func<JsonElement, bool>? sortKeyHolds, bool forward)
    {
        var schema = table.KeySchema;
        var items = table.Where(item =>
            AttributeValues.AreEqual(item.Attributes[schema.PartitionKey.Name], partitionValue)
            && (sortKeyHolds is null || sortKeyHolds(item.Attributes[schema.SortKey!.Name])));
        if (schema.SortKey is { } sortKey)
        {
            items.Sort((left, right) => AttributeValues.Compare(left.Attributes[sortKey.Name], right.Attributes[sortKey.Name]) ?? 0);
        }

        if (!forward)
        {
            items.Reverse();
        }

        return items;
    }
}
