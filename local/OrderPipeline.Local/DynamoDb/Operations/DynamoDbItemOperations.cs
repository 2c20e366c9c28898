using System.Text.Json;
using OrderPipeline.Local.DynamoDb.Tables;

namespace OrderPipeline.Local.DynamoDb.Operations;

/// <summary>
/// PutItem, GetItem and DeleteItem. A ConditionExpression is evaluated against the current item (an empty item when
/// the key is free) under the table's lock, so a conditional write is atomic as in DynamoDB; reads are always
/// consistent here, ConsistentRead only changes the capacity reported.
/// </summary>
internal sealed class DynamoDbItemOperations(DynamoDbTableRegistry tables, DynamoDbEvents? events, TimeProvider time)
{
    private const string None = "NONE";
    private const string AllOld = "ALL_OLD";

    private static readonly Dictionary<string, JsonElement> NoItem = new(StringComparer.Ordinal);

    public void PutItem(DynamoDbCall call)
    {
        var request = call.Request;
        var tableName = DynamoDbJson.TableName(request);
        var (item, size) = DynamoDbJson.AttributeMap(request, "Item")
            ?? throw new DynamoDbProtocolException(DynamoDbError.Constraint("null", "item", "Member must not be null"));
        AttributeValueValidator.CheckItemSize(size);
        var options = new DynamoDbItemRequest(request, "ConditionExpression", projection: false);
        var (returnValues, onFailure) = ReturnValues(request);
        var table = tables.Get(tableName, _ => DynamoDbError.ResourceNotFound());
        var stored = DynamoDbStoredItem.From(item, size);
        var key = table.KeySchema.KeyOfItem(stored.Attributes);

        var old = table.Change(key, stored, current => Check(options, current, onFailure));
        events?.ItemChanged?.Invoke(new DynamoDbItemChange(table.Name, "PutItem", old?.Json, stored.Json, time.GetUtcNow()));
        WriteAnswer(call.Writer, options, table.Name, returnValues == AllOld ? old : null, Math.Max(size, old?.Size ?? 0));
    }

    public void DeleteItem(DynamoDbCall call)
    {
        var request = call.Request;
        var tableName = DynamoDbJson.TableName(request);
        var keyMap = Key(request);
        var options = new DynamoDbItemRequest(request, "ConditionExpression", projection: false);
        var (returnValues, onFailure) = ReturnValues(request);
        var table = tables.Get(tableName, _ => DynamoDbError.ResourceNotFound());
        var key = table.KeySchema.KeyOfKey(keyMap);

        var old = table.Change(key, null, current => Check(options, current, onFailure));
        if (old is not null)
        {
            events?.ItemChanged?.Invoke(new DynamoDbItemChange(table.Name, "DeleteItem", old.Json, null, time.GetUtcNow()));
        }

        WriteAnswer(call.Writer, options, table.Name, returnValues == AllOld ? old : null, old?.Size ?? 0);
    }

    public void GetItem(DynamoDbCall call)
    {
        var request = call.Request;
        var tableName = DynamoDbJson.TableName(request);
        var keyMap = Key(request);
        var options = new DynamoDbItemRequest(request, conditionMember: null, projection: true);
        var consistent = DynamoDbJson.OptionalBool(request, "ConsistentRead");
        var table = tables.Get(tableName, _ => DynamoDbError.ResourceNotFound());
        var item = table.Get(table.KeySchema.KeyOfKey(keyMap));

        var writer = call.Writer;
        writer.WriteStartObject();
        if (item is not null)
        {
            options.WriteItem(writer, "Item", item);
        }

        options.WriteConsumedCapacity(writer, table.Name, item?.Size ?? 0, write: false, consistent);
        writer.WriteEndObject();
    }

    private static Dictionary<string, JsonElement> Key(JsonElement request)
    {
        var (map, _) = DynamoDbJson.AttributeMap(request, "Key")
            ?? throw new DynamoDbProtocolException(DynamoDbError.Constraint("null", "key", "Member must not be null"));
        return DynamoDbJson.ToDictionary(map);
    }

    private static (string ReturnValues, string OnFailure) ReturnValues(JsonElement request)
    {
        var returnValues = DynamoDbJson.Enum(request, "ReturnValues", "returnValues",
            None, AllOld, "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW") ?? None;
        var onFailure = DynamoDbJson.Enum(request, "ReturnValuesOnConditionCheckFailure",
            "returnValuesOnConditionCheckFailure", AllOld, None) ?? None;
        return returnValues is None or AllOld
            ? (returnValues, onFailure)
            : throw new DynamoDbProtocolException(DynamoDbError.Validation("Return values set to invalid value"));
    }

    /// <summary>Throws ConditionalCheckFailed (with the current item when asked for) unless the condition holds.</summary>
    internal static void Check(DynamoDbItemRequest options, DynamoDbStoredItem? current, string onFailure)
    {
        if (!options.Holds(current?.Attributes ?? NoItem))
        {
            throw new DynamoDbProtocolException(
                DynamoDbError.ConditionalCheckFailed(), onFailure == AllOld ? current?.Attributes : null);
        }
    }

    private static void WriteAnswer(
        Utf8JsonWriter writer, DynamoDbItemRequest options, string tableName, DynamoDbStoredItem? old, long bytes)
    {
        writer.WriteStartObject();
        if (old is not null)
        {
            options.WriteItem(writer, "Attributes", old);
        }

        options.WriteConsumedCapacity(writer, tableName, bytes, write: true, consistent: true);
        writer.WriteEndObject();
    }
}
