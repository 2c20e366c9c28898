using System.Text.Json;
using OrderPipeline.Local.DynamoDb.Tables;

namespace OrderPipeline.Local.DynamoDb.Operations;

/// <summary>
/// Reads a CreateTable request: the key schema (HASH, optional RANGE) with its attribute definitions, the billing mode
/// and SSESpecification, refusing what DynamoDB refuses. Secondary indexes are refused: this endpoint has none.
/// </summary>
internal static class CreateTableReader
{
    private const string Hash = "HASH";
    private const string Range = "RANGE";

    public static (DynamoDbKeySchema Schema, DynamoDbBillingMode Billing, bool SseEnabled) Read(JsonElement request)
    {
        foreach (var indexes in (string[])["GlobalSecondaryIndexes", "LocalSecondaryIndexes"])
        {
            if (DynamoDbJson.Member(request, indexes, JsonValueKind.Array) is not null)
            {
                throw new DynamoDbProtocolException(DynamoDbError.Validation(
                    $"{indexes} are not supported by this local DynamoDB endpoint."));
            }
        }

        var definitions = Definitions(request);
        var keys = DynamoDbJson.Required(request, "KeySchema", JsonValueKind.Array, "keySchema").EnumerateArray()
            .Select(key => (
                Name: Text(key, "AttributeName", "keySchema.member.attributeName"),
                Type: DynamoDbJson.Enum(key, "KeyType", "keySchema.member.keyType", Hash, Range)
                    ?? throw new DynamoDbProtocolException(DynamoDbError.Constraint(
                        "null", "keySchema.member.keyType", "Member must not be null"))))
            .ToList();
        Check(keys.Count >= 1, "Invalid KeySchema: Some index key attribute have no definition");
        Check(keys.Count <= 2, "1 validation error detected: Value at 'keySchema' failed to satisfy constraint: "
            + "Member must have length less than or equal to 2");
        Check(keys[0].Type == Hash, "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        Check(keys.Count == 1 || keys[1].Type == Range, "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
        Check(keys.Count == 1 || keys[0].Name != keys[1].Name,
            "Both the Hash Key and the Range Key element in the KeySchema have the same name");
        var undefined = keys.Where(key => !definitions.ContainsKey(key.Name)).Select(key => key.Name).ToList();
        Check(undefined.Count == 0, "One or more parameter values were invalid: Some index key attributes are not defined in "
            + $"AttributeDefinitions. Keys: [{string.Join(", ", undefined)}], AttributeDefinitions: "
            + $"[{string.Join(", ", definitions.Keys)}]");
        Check(definitions.Count == keys.Count, "One or more parameter values were invalid: Number of attributes in KeySchema "
            + "does not exactly match number of attributes defined in AttributeDefinitions");

        var schema = new DynamoDbKeySchema(
            new DynamoDbKeyElement(keys[0].Name, definitions[keys[0].Name]),
            keys.Count == 2 ? new DynamoDbKeyElement(keys[1].Name, definitions[keys[1].Name]) : null);
        var sse = DynamoDbJson.Member(request, "SSESpecification", JsonValueKind.Object) is { } specification
            && DynamoDbJson.OptionalBool(specification, "Enabled");
        return (schema, Billing(request), sse);
    }

    private static Dictionary<string, DynamoDbKeyType> Definitions(JsonElement request)
    {
        var definitions = new Dictionary<string, DynamoDbKeyType>(StringComparer.Ordinal);
        var array = DynamoDbJson.Required(request, "AttributeDefinitions", JsonValueKind.Array, "attributeDefinitions");
        foreach (var definition in array.EnumerateArray())
        {
            var name = Text(definition, "AttributeName", "attributeDefinitions.member.attributeName");
            var type = DynamoDbJson.Enum(definition, "AttributeType", "attributeDefinitions.member.attributeType", "S", "N", "B");
            definitions[name] = type switch
            {
                "S" => DynamoDbKeyType.S,
                "N" => DynamoDbKeyType.N,
                "B" => DynamoDbKeyType.B,
                _ => throw new DynamoDbProtocolException(DynamoDbError.Constraint(
                    "null", "attributeDefinitions.member.attributeType", "Member must not be null")),
            };
        }

        return definitions;
    }

    private static DynamoDbBillingMode Billing(JsonElement request)
    {
        var mode = DynamoDbJson.Enum(request, "BillingMode", "billingMode",
            DynamoDbBillingMode.Provisioned, DynamoDbBillingMode.PayPerRequest) ?? DynamoDbBillingMode.Provisioned;
        var throughput = DynamoDbJson.Member(request, "ProvisionedThroughput", JsonValueKind.Object);
        if (mode == DynamoDbBillingMode.PayPerRequest)
        {
            Check(throughput is null, "One or more parameter values were invalid: Neither ReadCapacityUnits nor "
                + "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
            return DynamoDbBillingMode.OnDemand;
        }

        var read = throughput is { } given ? DynamoDbJson.OptionalLong(given, "ReadCapacityUnits") : null;
        var write = throughput is { } sameGiven ? DynamoDbJson.OptionalLong(sameGiven, "WriteCapacityUnits") : null;
        Check(read is >= 1 && write is >= 1, "One or more parameter values were invalid: ReadCapacityUnits and "
            + "WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
        return new DynamoDbBillingMode(DynamoDbBillingMode.Provisioned, read!.Value, write!.Value);
    }

    private static string Text(JsonElement element, string name, string member) =>
        DynamoDbJson.Required(element, name, JsonValueKind.String, member).GetString()!;

    private static void Check(bool holds, string message)
    {
        if (!holds)
        {
            throw new DynamoDbProtocolException(DynamoDbError.Validation(message));
        }
    }
}
