using System.Text.Json;
using OrderPipeline.Local.DynamoDb.Tables;

namespace OrderPipeline.Local.DynamoDb.Operations;

/// <summary>CreateTable, DescribeTable, ListTables and DeleteTable: tables are ACTIVE at once and gone at once.</summary>
internal sealed class DynamoDbTableOperations(DynamoDbTableRegistry tables)
{
    private const int MaxListLimit = 100;

    public void CreateTable(DynamoDbCall call)
    {
        var name = DynamoDbJson.TableName(call.Request);
        var (schema, billing, sse) = CreateTableReader.Read(call.Request);
        var table = tables.Create(name, schema, billing, sse);
        WriteDescription(call.Writer, "TableDescription", table, DynamoDbTableDescription.Active);
    }

    public void DescribeTable(DynamoDbCall call)
    {
        var table = tables.Get(DynamoDbJson.TableName(call.Request), DynamoDbError.TableNotFound);
        WriteDescription(call.Writer, "Table", table, DynamoDbTableDescription.Active);
    }

    public void DeleteTable(DynamoDbCall call)
    {
        var table = tables.Delete(DynamoDbJson.TableName(call.Request));
        WriteDescription(call.Writer, "TableDescription", table, DynamoDbTableDescription.Deleting);
    }

    /// <summary>Names after <c>ExclusiveStartTableName</c> in ascending order, at most <c>Limit</c> (1–100) of them.</summary>
    public void ListTables(DynamoDbCall call)
    {
        var limit = DynamoDbJson.OptionalLong(call.Request, "Limit") ?? MaxListLimit;
        if (limit is < 1 or > MaxListLimit)
        {
            throw DynamoDbJson.Constraint(limit, "limit", limit < 1
                ? "Member must have value greater than or equal to 1"
                : $"Member must have value less than or equal to {MaxListLimit}");
        }

        var start = DynamoDbJson.OptionalString(call.Request, "ExclusiveStartTableName");
        var following = tables.Names.Where(name => start is null || string.CompareOrdinal(name, start) > 0).ToList();
        var page = following.Take((int)limit).ToList();

        var writer = call.Writer;
        writer.WriteStartObject();
        writer.WriteStartArray("TableNames");
        foreach (var name in page)
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
        if (following.Count > page.Count)
        {
            writer.WriteString("LastEvaluatedTableName", page[^1]);
        }

        writer.WriteEndObject();
    }

    private static void WriteDescription(Utf8JsonWriter writer, string member, DynamoDbTable table, string status)
    {
        writer.WriteStartObject();
        DynamoDbTableDescription.Write(writer, member, table, status);
        writer.WriteEndObject();
    }
}
