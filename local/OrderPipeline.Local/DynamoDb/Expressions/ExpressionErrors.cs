namespace OrderPipeline.Local.DynamoDb.Expressions;

/// <summary>The ValidationExceptions DynamoDB answers for bad expressions, prefixed <c>Invalid &lt;Member&gt;: </c>.</summary>
internal static class ExpressionErrors
{
    /// <summary>
    /// DynamoDB's syntax error: the offending token, and the text "near" it, from the token before it to its end
    /// (<paramref name="nearStart"/> to <paramref name="nearEnd"/>).
    /// </summary>
    public static DynamoDbProtocolException Syntax(
        string expressionName, string expression, string token, int nearStart, int nearEnd)
    {
        var from = Math.Clamp(nearStart, 0, expression.Length);
        var near = expression[from..Math.Clamp(nearEnd, from, expression.Length)];
        return Invalid(expressionName, $"Syntax error; token: \"{token}\", near: \"{near}\"");
    }

    public static DynamoDbProtocolException Invalid(string expressionName, string reason) =>
        new(DynamoDbError.Validation($"Invalid {expressionName}: {reason}"));

    public static DynamoDbProtocolException Empty(string expressionName) =>
        Invalid(expressionName, "The expression can not be empty;");

    public static DynamoDbProtocolException UndefinedName(string expressionName, string placeholder) =>
        Invalid(expressionName,
            $"An expression attribute name used in the document path is not defined; attribute name: {placeholder}");

    public static DynamoDbProtocolException UndefinedValue(string expressionName, string placeholder) =>
        Invalid(expressionName,
            $"An expression attribute value used in expression is not defined; attribute value: {placeholder}");
}
