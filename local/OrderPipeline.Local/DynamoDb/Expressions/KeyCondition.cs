using System.Text.Json;
using OrderPipeline.Local.DynamoDb.Tables;

namespace OrderPipeline.Local.DynamoDb.Expressions;

/// <summary>
/// A Query's KeyConditionExpression
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html):
/// <c>pk = :v</c>, optionally <c>AND</c> one condition on the sort key: <c>= &lt; &lt;= &gt; &gt;=</c>,
/// <c>BETWEEN :a AND :b</c> or <c>begins_with(sk, :prefix)</c>; each condition may be parenthesised, values are
/// placeholders. <see cref="Bind"/> checks it against the table's key schema.
/// </summary>
internal sealed class KeyCondition
{
    public const string Member = "KeyConditionExpression";

    private readonly List<Condition> _conditions;

    private KeyCondition(List<Condition> conditions) => _conditions = conditions;

    public static KeyCondition Parse(string expression, ExpressionAttributes attributes)
    {
        var cursor = new ExpressionCursor(Member, expression, attributes);
        var conditions = new List<Condition> { ParseCondition(cursor) };
        while (cursor.Current.IsKeyword("AND"))
        {
            cursor.Next();
            conditions.Add(ParseCondition(cursor));
        }

        if (cursor.Current.IsKeyword("OR") || cursor.Current.IsKeyword("NOT") || cursor.Current.IsKeyword("IN"))
        {
            throw ExpressionErrors.Invalid(Member, $"Invalid operator used in KeyConditionExpression: {cursor.Current.Text.ToUpperInvariant()}");
        }

        cursor.ExpectEnd();
        return new KeyCondition(conditions);
    }

    /// <summary>
    /// The partition key value the query reads and the predicate on the sort key value (null: every item of the
    /// partition), or DynamoDB's ValidationException for a condition the key schema does not allow.
    /// </summary>
    public (JsonElement PartitionValue, Func<JsonElement, bool>? SortKeyHolds) Bind(DynamoDbKeySchema schema)
    {
        var partition = _conditions.Where(condition => condition.Name == schema.PartitionKey.Name).ToList();
        var sort = _conditions.Where(condition => condition.Name == schema.SortKey?.Name).ToList();
        if (partition.Count == 0)
        {
            throw Validation($"Query condition missed key schema element: {schema.PartitionKey.Name}");
        }

        if (partition.Count > 1 || sort.Count > 1)
        {
            throw ExpressionErrors.Invalid(Member, "KeyConditionExpressions must only contain one condition per key");
        }

        if (partition.Count + sort.Count != _conditions.Count || partition[0].Operator != "=")
        {
            throw Validation("Query key condition not supported");
        }

        foreach (var condition in _conditions)
        {
            var keyType = (condition == partition[0] ? schema.PartitionKey : schema.SortKey!).Type.ToString();
            if (condition.Values.Any(value => AttributeValues.TypeOf(value) != keyType))
            {
                throw Validation("One or more parameter values were invalid: Condition parameter type does not match schema type");
            }

            if (condition.Operator == "begins_with" && keyType == AttributeValues.Number)
            {
                throw ExpressionErrors.Invalid(Member,
                    "Incorrect operand type for operator or function; operator or function: begins_with, operand type: N");
            }

            if (condition.Operator == "BETWEEN" && AttributeValues.Compare(condition.Values[0], condition.Values[1]) > 0)
            {
                throw ExpressionErrors.Invalid(Member,
                    "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
                    + $"lower bound operand: AttributeValue: {{{Describe(condition.Values[0])}}}, "
                    + $"upper bound operand: AttributeValue: {{{Describe(condition.Values[1])}}}");
            }
        }

        return (partition[0].Values[0], sort.Count == 0 ? null : Predicate(sort[0]));
    }

    private static Func<JsonElement, bool> Predicate(Condition condition)
    {
        var values = condition.Values;
        return condition.Operator switch
        {
            "=" => value => AttributeValues.AreEqual(value, values[0]),
            "<" => value => AttributeValues.Compare(value, values[0]) < 0,
            "<=" => value => AttributeValues.Compare(value, values[0]) <= 0,
            ">" => value => AttributeValues.Compare(value, values[0]) > 0,
            ">=" => value => AttributeValues.Compare(value, values[0]) >= 0,
            "BETWEEN" => value => AttributeValues.Compare(value, values[0]) >= 0 && AttributeValues.Compare(value, values[1]) <= 0,
            _ => value => BeginsWith(value, values[0]),
        };
    }

    private static bool BeginsWith(JsonElement value, JsonElement prefix)
    {
        var (content, start) = (AttributeValues.Content(value), AttributeValues.Content(prefix));
        return AttributeValues.TypeOf(value) == AttributeValues.Binary
            ? content.GetBytesFromBase64().AsSpan().StartsWith(start.GetBytesFromBase64())
            : content.GetString()!.StartsWith(start.GetString()!, StringComparison.Ordinal);
    }

    private static Condition ParseCondition(ExpressionCursor cursor)
    {
        if (cursor.Accept(ExpressionTokenKind.Punctuation, "("))
        {
            cursor.Enter();
            var inner = ParseCondition(cursor);
            cursor.Expect(ExpressionTokenKind.Punctuation, ")");
            cursor.Leave();
            return inner;
        }

        if (cursor.Current.Kind == ExpressionTokenKind.Word && cursor.Peek(1).Is(ExpressionTokenKind.Punctuation, "("))
        {
            var function = cursor.Next().Text;
            if (function != "begins_with")
            {
                throw ExpressionErrors.Invalid(Member, $"Invalid operator used in KeyConditionExpression: {function}");
            }

            cursor.Expect(ExpressionTokenKind.Punctuation, "(");
            var name = KeyName(cursor);
            cursor.Expect(ExpressionTokenKind.Punctuation, ",");
            var prefix = Value(cursor);
            cursor.Expect(ExpressionTokenKind.Punctuation, ")");
            return new Condition(name, "begins_with", [prefix]);
        }

        var attribute = KeyName(cursor);
        if (cursor.Current.Kind == ExpressionTokenKind.Comparator)
        {
            var comparator = cursor.Next().Text;
            if (comparator == "<>")
            {
                throw ExpressionErrors.Invalid(Member, "Unsupported operator on KeyConditionExpression: operator: <>");
            }

            return new Condition(attribute, comparator, [Value(cursor)]);
        }

        if (cursor.Current.IsKeyword("BETWEEN"))
        {
            cursor.Next();
            var low = Value(cursor);
            if (!cursor.Current.IsKeyword("AND"))
            {
                throw cursor.Unexpected();
            }

            cursor.Next();
            return new Condition(attribute, "BETWEEN", [low, Value(cursor)]);
        }

        throw cursor.Unexpected();
    }

    /// <summary>A top-level attribute name (a key attribute cannot be nested).</summary>
    private static string KeyName(ExpressionCursor cursor)
    {
        var path = DocumentPath.Parse(cursor);
        return path.Segments.Count == 1
            ? path.Top
            : throw Validation("KeyConditionExpressions cannot have conditions on nested attributes");
    }

    private static JsonElement Value(ExpressionCursor cursor)
    {
        var token = cursor.Expect(ExpressionTokenKind.ValuePlaceholder);
        return cursor.Attributes.Value(token.Text) ?? throw ExpressionErrors.UndefinedValue(Member, token.Text);
    }

    private static string Describe(JsonElement value) =>
        $"{AttributeValues.TypeOf(value)}:{AttributeValues.Content(value).GetString()}";

    private static DynamoDbProtocolException Validation(string message) => new(DynamoDbError.Validation(message));

    private sealed record Condition(string Name, string Operator, JsonElement[] Values);
}
