using System.Text.Json;
using System.Text.Json.Nodes;
using OrderPipeline.Local.DynamoDb.Expressions;
using OrderPipeline.Local.DynamoDb.Tables;

namespace OrderPipeline.Local.DynamoDb.Operations;

/// <summary>
/// UpdateItem (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html): creates the item
/// from its key when absent, checks ConditionExpression against the current item and applies the UpdateExpression,
/// atomically under the table's lock; answers the ReturnValues asked for (NONE, ALL_OLD, UPDATED_OLD, ALL_NEW,
/// UPDATED_NEW, the UPDATED_* ones holding only the paths the expression changed).
/// </summary>
internal sealed class DynamoDbUpdateOperation(DynamoDbTableRegistry tables, DynamoDbEvents? events, TimeProvider time)
{
    private const string None = "NONE";
    private const string AllOld = "ALL_OLD";
    private const string UpdatedOld = "UPDATED_OLD";
    private const string AllNew = "ALL_NEW";
    private const string UpdatedNew = "UPDATED_NEW";

    private static readonly Dictionary<string, JsonElement> NoItem = new(StringComparer.Ordinal);

    public void UpdateItem(DynamoDbCall call)
    {
        var request = call.Request;
        var tableName = DynamoDbJson.TableName(request);
        var (keyMap, _) = DynamoDbJson.AttributeMap(request, "Key")
            ?? throw new DynamoDbProtocolException(DynamoDbError.Constraint("null", "key", "Member must not be null"));
        UpdateExpression? update = null;
        var options = new DynamoDbItemRequest(request, "ConditionExpression", projection: false, attributes =>
        {
            update = DynamoDbJson.OptionalString(request, UpdateExpression.Member) is { } text
                ? UpdateExpression.Parse(text, attributes)
                : null;
            return update is not null;
        });
        var returnValues = DynamoDbJson.Enum(request, "ReturnValues", "returnValues",
            None, AllOld, UpdatedOld, AllNew, UpdatedNew) ?? None;
        var onFailure = DynamoDbJson.Enum(request, "ReturnValuesOnConditionCheckFailure",
            "returnValuesOnConditionCheckFailure", AllOld, None) ?? None;
        var table = tables.Get(tableName, _ => DynamoDbError.ResourceNotFound());
        var key = table.KeySchema.KeyOfKey(DynamoDbJson.ToDictionary(keyMap));
        update?.CheckKeyUntouched(table.KeySchema);

        DynamoDbStoredItem? updated = null;
        var old = table.Update(key, current =>
        {
            DynamoDbItemOperations.Check(options, current, onFailure);
            var target = (JsonObject)JsonNode.Parse(current?.Json ?? keyMap.GetRawText())!;
            update?.Apply(current?.Attributes ?? NoItem, target);
            updated = Store(target);
            return updated;
        });
        var stored = updated!;
        events?.ItemChanged?.Invoke(new DynamoDbItemChange(table.Name, "UpdateItem", old?.Json, stored.Json, time.GetUtcNow()));

        var writer = call.Writer;
        writer.WriteStartObject();
        var changed = update is null ? null : Projection.Of(update.Paths);
        switch (returnValues)
        {
            case AllOld when old is not null:
                WriteAttributes(writer, old.Attributes, null);
                break;
            case AllNew:
                WriteAttributes(writer, stored.Attributes, null);
                break;
            case UpdatedOld when old is not null && changed is not null:
                WriteAttributes(writer, old.Attributes, changed);
                break;
            case UpdatedNew when changed is not null:
                WriteAttributes(writer, stored.Attributes, changed);
                break;
            default:
                break;
        }

        options.WriteConsumedCapacity(writer, table.Name, Math.Max(stored.Size, old?.Size ?? 0), write: true, consistent: true);
        writer.WriteEndObject();
    }

    /// <summary>The updated attribute map, checked and measured as a stored item.</summary>
    private static DynamoDbStoredItem Store(JsonObject item)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            item.WriteTo(writer);
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        var size = AttributeValueValidator.ValidateMap(document.RootElement, "Item");
        if (size > AttributeValueValidator.MaxItemBytes)
        {
            throw new DynamoDbProtocolException(DynamoDbError.Validation(
                "Item size to update has exceeded the maximum allowed size"));
        }

        return DynamoDbStoredItem.From(document.RootElement, size);
    }

    /// <summary>Writes <c>Attributes</c>: the whole item, or its projection; nothing when the projection is empty.</summary>
    private static void WriteAttributes(
        Utf8JsonWriter writer, IReadOnlyDictionary<string, JsonElement> item, Projection? projection)
    {
        if (projection is null)
        {
            writer.WriteStartObject("Attributes");
            foreach (var (name, value) in item)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }

            writer.WriteEndObject();
            return;
        }

        using var buffer = new MemoryStream();
        using (var projected = new Utf8JsonWriter(buffer))
        {
            projection.WriteItem(projected, item);
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        if (document.RootElement.EnumerateObject().Any())
        {
            writer.WritePropertyName("Attributes");
            document.RootElement.WriteTo(writer);
        }
    }
}
