namespace OrderPipeline.Local.DynamoDb.Expressions;

/// <summary>One token of an expression and where it starts in the expression text.</summary>
internal readonly record struct ExpressionToken(ExpressionTokenKind Kind, string Text, int Position)
{
    public bool Is(ExpressionTokenKind kind, string text) =>
        Kind == kind && string.Equals(Text, text, StringComparison.Ordinal);

    /// <summary>A keyword (AND, OR, NOT, BETWEEN, IN), which DynamoDB matches without regard to case.</summary>
    public bool IsKeyword(string keyword) =>
        Kind == ExpressionTokenKind.Word && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);
}
