using System.Text.Json;
using OrderPipeline.Local.DynamoDb.Expressions;
using OrderPipeline.Local.DynamoDb.Tables;
using Item = System.Collections.Generic.IReadOnlyDictionary<string, System.Text.Json.JsonElement>;

namespace OrderPipeline.Local.DynamoDb.Operations;

/// <summary>
/// What item operations share: refusing the parameters this endpoint does not implement (the legacy pre-expression
/// ones, parallel scan segments),
/// compiling ConditionExpression/FilterExpression and ProjectionExpression against the request's placeholders, and
/// the optional ConsumedCapacity answer.
/// </summary>
internal sealed class DynamoDbItemRequest
{
    private const double WriteUnitBytes = 1024;
    private const double ReadUnitBytes = 4096;

    private static readonly string[] UnsupportedMembers =
        ["Expected", "ConditionalOperator", "AttributesToGet", "ScanFilter", "Segment", "TotalSegments", "AttributeUpdates",
         "KeyConditions", "QueryFilter"];

    private readonly string? _consumedCapacity;

    /// <param name="request">The operation's JSON input.</param>
    /// <param name="conditionMember">ConditionExpression or FilterExpression, or null for neither.</param>
    /// <param name="projection">Whether ProjectionExpression is read.</param>
    /// <param name="moreExpressions">
    /// Compiles the operation's own expressions (UpdateExpression, KeyConditionExpression) against the placeholders and
    /// returns whether there was any; null for none.
    /// </param>
    public DynamoDbItemRequest(
        JsonElement request, string? conditionMember, bool projection, Func<ExpressionAttributes, bool>? moreExpressions = null)
    {
        foreach (var unsupported in UnsupportedMembers)
        {
            if (request.TryGetProperty(unsupported, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                throw new DynamoDbProtocolException(DynamoDbError.Validation(
                    $"{unsupported} is not supported by this local DynamoDB endpoint."));
            }
        }

        var attributes = new ExpressionAttributes(request);
        if (conditionMember is not null && DynamoDbJson.OptionalString(request, conditionMember) is { } condition)
        {
            Condition = ConditionParser.Parse(conditionMember, condition, attributes);
        }

        if (projection && DynamoDbJson.OptionalString(request, "ProjectionExpression") is { } projected)
        {
            Projection = Projection.Parse("ProjectionExpression", projected, attributes);
        }

        var more = moreExpressions?.Invoke(attributes) ?? false;
        attributes.EnsureAllUsed(Condition is not null || Projection is not null || more);
        _consumedCapacity = DynamoDbJson.Enum(
            request, "ReturnConsumedCapacity", "returnConsumedCapacity", "INDEXES", "TOTAL", "NONE");
    }

    public Func<Item, bool>? Condition { get; }

    public Projection? Projection { get; }

    public bool Holds(Item item) => Condition is null || Condition(item);

    public void WriteItem(Utf8JsonWriter writer, string member, DynamoDbStoredItem item)
    {
        writer.WritePropertyName(member);
        if (Projection is null)
        {
            writer.WriteRawValue(item.Json, skipInputValidation: true);
        }
        else
        {
            Projection.WriteItem(writer, item.Attributes);
        }
    }

    /// <summary>Writes <c>ConsumedCapacity</c> when asked for: 1 unit per KB written, ½ or 1 unit per 4 KB read.</summary>
    public void WriteConsumedCapacity(Utf8JsonWriter writer, string tableName, long bytes, bool write, bool consistent)
    {
        if (_consumedCapacity is null or "NONE")
        {
            return;
        }

        var units = write
            ? Math.Max(1, Math.Ceiling(bytes / WriteUnitBytes))
            : Math.Max(1, Math.Ceiling(bytes / ReadUnitBytes)) * (consistent ? 1 : 0.5);
        writer.WriteStartObject("ConsumedCapacity");
        writer.WriteString("TableName", tableName);
        writer.WriteNumber("CapacityUnits", units);
        if (_consumedCapacity == "INDEXES")
        {
            writer.WriteStartObject("Table");
            writer.WriteNumber("CapacityUnits", units);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
