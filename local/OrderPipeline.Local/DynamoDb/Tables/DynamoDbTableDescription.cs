using System.Text.Json;

namespace OrderPipeline.Local.DynamoDb.Tables;

/// <summary>Writes a TableDescription as CreateTable, DescribeTable and DeleteTable answer with it.</summary>
internal static class DynamoDbTableDescription
{
    public const string Active = "ACTIVE";
    public const string Deleting = "DELETING";

    public static void Write(Utf8JsonWriter writer, string name, DynamoDbTable table, string status)
    {
        var (count, size) = table.Statistics;
        var created = table.CreatedAt.ToUnixTimeMilliseconds() / 1000.0;
        writer.WriteStartObject(name);
        writer.WriteStartArray("AttributeDefinitions");
        foreach (var key in table.KeySchema.Attributes)
        {
            writer.WriteStartObject();
            writer.WriteString("AttributeName", key.Name);
            writer.WriteString("AttributeType", key.Type.ToString());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("TableName", table.Name);
        writer.WriteStartArray("KeySchema");
        foreach (var key in table.KeySchema.Attributes)
        {
            writer.WriteStartObject();
            writer.WriteString("AttributeName", key.Name);
            writer.WriteString("KeyType", key == table.KeySchema.PartitionKey ? "HASH" : "RANGE");
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("TableStatus", status);
        writer.WriteNumber("CreationDateTime", created);
        writer.WriteStartObject("ProvisionedThroughput");
        writer.WriteNumber("NumberOfDecreasesToday", 0);
        writer.WriteNumber("ReadCapacityUnits", table.Billing.ReadCapacityUnits);
        writer.WriteNumber("WriteCapacityUnits", table.Billing.WriteCapacityUnits);
        writer.WriteEndObject();
        writer.WriteNumber("TableSizeBytes", size);
        writer.WriteNumber("ItemCount", count);
        writer.WriteString("TableArn", table.Arn);
        writer.WriteString("TableId", table.TableId);
        if (table.Billing.Mode == DynamoDbBillingMode.PayPerRequest)
        {
            writer.WriteStartObject("BillingModeSummary");
            writer.WriteString("BillingMode", DynamoDbBillingMode.PayPerRequest);
            writer.WriteNumber("LastUpdateToPayPerRequestDateTime", created);
            writer.WriteEndObject();
        }

        if (table.SseEnabled)
        {
            writer.WriteStartObject("SSEDescription");
            writer.WriteString("Status", "ENABLED");
            writer.WriteString("SSEType", "KMS");
            writer.WriteEndObject();
        }

        writer.WriteBoolean("DeletionProtectionEnabled", false);
        writer.WriteEndObject();
    }
}
