using System.Text.Json;
using OrderPipeline.Local.DynamoDb.Tables;
using Item = System.Collections.Generic.IReadOnlyDictionary<string, System.Text.Json.JsonElement>;
using Operand = (System.Func<System.Collections.Generic.IReadOnlyDictionary<string, System.Text.Json.JsonElement>, System.Text.Json.JsonElement?> Evaluate, System.Text.Json.JsonElement? Constant);

namespace OrderPipeline.Local.DynamoDb.Expressions;

/// <summary>
/// Compiles a condition expression (ConditionExpression, FilterExpression) into a predicate over an item. Grammar, in
/// DynamoDB's precedence: comparisons (<c>= &lt;&gt; &lt; &lt;= &gt; &gt;=</c>), <c>BETWEEN … AND …</c>, <c>IN (…)</c>,
/// the functions <c>attribute_exists</c>, <c>attribute_not_exists</c>, <c>attribute_type</c>, <c>begins_with</c> and
/// <c>contains</c>, parentheses, <c>NOT</c>, <c>AND</c>, <c>OR</c>. A comparison with a missing attribute is false,
/// except <c>&lt;&gt;</c>, which is true.
/// </summary>
internal static class ConditionParser
{
    public static Func<Item, bool> Parse(string expressionName, string expression, ExpressionAttributes attributes)
    {
        var cursor = new ExpressionCursor(expressionName, expression, attributes);
        var condition = Or(cursor);
        cursor.ExpectEnd();
        return condition;
    }

    private static Func<Item, bool> Or(ExpressionCursor cursor)
    {
        var condition = And(cursor);
        while (cursor.Current.IsKeyword("OR"))
        {
            cursor.Next();
            var (left, right) = (condition, And(cursor));
            condition = item => left(item) || right(item);
        }

        return condition;
    }

    private static Func<Item, bool> And(ExpressionCursor cursor)
    {
        var condition = Not(cursor);
        while (cursor.Current.IsKeyword("AND"))
        {
            cursor.Next();
            var (left, right) = (condition, Not(cursor));
            condition = item => left(item) && right(item);
        }

        return condition;
    }

    private static Func<Item, bool> Not(ExpressionCursor cursor)
    {
        if (!cursor.Current.IsKeyword("NOT"))
        {
            return Primary(cursor);
        }

        cursor.Next();
        cursor.Enter();
        var inner = Not(cursor);
        cursor.Leave();
        return item => !inner(item);
    }

    private static Func<Item, bool> Primary(ExpressionCursor cursor)
    {
        if (cursor.Accept(ExpressionTokenKind.Punctuation, "("))
        {
            cursor.Enter();
            var inner = Or(cursor);
            cursor.Expect(ExpressionTokenKind.Punctuation, ")");
            cursor.Leave();
            return inner;
        }

        if (cursor.Current.Kind == ExpressionTokenKind.Word && cursor.Peek(1).Is(ExpressionTokenKind.Punctuation, "("))
        {
            return ConditionFunctions.Parse(cursor);
        }

        var left = ParseOperand(cursor);
        if (cursor.Current.Kind == ExpressionTokenKind.Comparator)
        {
            var comparator = cursor.Next().Text;
            return Comparison(cursor, comparator, left, ParseOperand(cursor));
        }

        if (cursor.Current.IsKeyword("BETWEEN"))
        {
            cursor.Next();
            var low = Orderable(cursor, "BETWEEN", ParseOperand(cursor));
            if (!cursor.Current.IsKeyword("AND"))
            {
                throw cursor.Unexpected();
            }

            cursor.Next();
            var high = Orderable(cursor, "BETWEEN", ParseOperand(cursor));
            return item => Ordered(left.Evaluate(item), low.Evaluate(item)) is >= 0
                && Ordered(left.Evaluate(item), high.Evaluate(item)) is <= 0;
        }

        if (cursor.Current.IsKeyword("IN"))
        {
            cursor.Next();
            cursor.Expect(ExpressionTokenKind.Punctuation, "(");
            var candidates = new List<Operand> { ParseOperand(cursor) };
            while (cursor.Accept(ExpressionTokenKind.Punctuation, ","))
            {
                candidates.Add(ParseOperand(cursor));
            }

            cursor.Expect(ExpressionTokenKind.Punctuation, ")");
            return item => left.Evaluate(item) is { } value
                && candidates.Exists(candidate => candidate.Evaluate(item) is { } other && AttributeValues.AreEqual(value, other));
        }

        throw cursor.Unexpected();
    }

    /// <summary>A document path or a <c>:value</c> placeholder.</summary>
    public static Operand ParseOperand(ExpressionCursor cursor)
    {
        var token = cursor.Current;
        if (token.Kind == ExpressionTokenKind.ValuePlaceholder)
        {
            cursor.Next();
            var value = cursor.Attributes.Value(token.Text)
                ?? throw ExpressionErrors.UndefinedValue(cursor.ExpressionName, token.Text);
            return (_ => value, value);
        }

        if (token.Kind == ExpressionTokenKind.Word && cursor.Peek(1).Is(ExpressionTokenKind.Punctuation, "("))
        {
            throw ConditionFunctions.Unsupported(cursor, token.Text);
        }

        var path = DocumentPath.Parse(cursor);
        return (path.Resolve, null);
    }

    private static Func<Item, bool> Comparison(ExpressionCursor cursor, string comparator, Operand left, Operand right)
    {
        if (comparator is "=" or "<>")
        {
            var equal = comparator == "=";
            return item => (left.Evaluate(item), right.Evaluate(item)) switch
            {
                ({ } a, { } b) => AttributeValues.AreEqual(a, b) == equal,
                (null, null) => false,
                _ => !equal,
            };
        }

        Orderable(cursor, comparator, left);
        Orderable(cursor, comparator, right);
        Func<int, bool> holds = comparator switch
        {
            "<" => order => order < 0,
            "<=" => order => order <= 0,
            ">" => order => order > 0,
            ">=" => order => order >= 0,
            _ => throw cursor.Unexpected(),
        };
        return item => Ordered(left.Evaluate(item), right.Evaluate(item)) is { } order && holds(order);
    }

    private static Operand Orderable(ExpressionCursor cursor, string comparator, Operand operand)
    {
        if (operand.Constant is { } constant
            && AttributeValues.TypeOf(constant) is not (AttributeValues.String or AttributeValues.Number or AttributeValues.Binary))
        {
            throw ExpressionErrors.Invalid(cursor.ExpressionName,
                $"Incorrect operand type for operator or function; operator or function: {comparator}, "
                + $"operand type: {AttributeValues.TypeOf(constant)}");
        }

        return operand;
    }

    private static int? Ordered(JsonElement? left, JsonElement? right) =>
        left is { } a && right is { } b ? AttributeValues.Compare(a, b) : null;
}
