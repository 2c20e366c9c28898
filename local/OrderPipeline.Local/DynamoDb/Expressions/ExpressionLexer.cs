using System.Buffers;

namespace OrderPipeline.Local.DynamoDb.Expressions;

/// <summary>Splits a condition or projection expression into tokens; unknown characters are syntax errors.</summary>
internal static class ExpressionLexer
{
    public static readonly SearchValues<char> WordCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    /// <param name="expression">The expression text.</param>
    /// <param name="expressionName">The request member it came from, for error messages.</param>
    /// <param name="arithmetic">Whether <c>+</c> and <c>-</c> are tokens (UpdateExpression); elsewhere they are syntax errors.</param>
    public static List<ExpressionToken> Tokenize(string expression, string expressionName, bool arithmetic = false)
    {
        var tokens = new List<ExpressionToken>();
        var position = 0;
        while (position < expression.Length)
        {
            var character = expression[position];
            if (char.IsWhiteSpace(character))
            {
                position++;
                continue;
            }

            var start = position;
            var kind = character switch
            {
                '#' => ExpressionTokenKind.NamePlaceholder,
                ':' => ExpressionTokenKind.ValuePlaceholder,
                '=' or '<' or '>' => ExpressionTokenKind.Comparator,
                '(' or ')' or '[' or ']' or ',' or '.' => ExpressionTokenKind.Punctuation,
                '+' or '-' when arithmetic => ExpressionTokenKind.Punctuation,
                _ when char.IsAsciiDigit(character) => ExpressionTokenKind.Integer,
                _ when WordCharacters.Contains(character) => ExpressionTokenKind.Word,
                _ => throw ExpressionErrors.Syntax(expressionName, expression, character.ToString(), start, start + 1),
            };
            position = kind switch
            {
                ExpressionTokenKind.NamePlaceholder or ExpressionTokenKind.ValuePlaceholder => WordEnd(expression, start + 1),
                ExpressionTokenKind.Comparator => ComparatorEnd(expression, start),
                ExpressionTokenKind.Punctuation => start + 1,
                _ => WordEnd(expression, start),
            };
            if (position == start + 1 && kind is ExpressionTokenKind.NamePlaceholder or ExpressionTokenKind.ValuePlaceholder)
            {
                throw ExpressionErrors.Syntax(expressionName, expression, character.ToString(), start, position);
            }

            tokens.Add(new ExpressionToken(kind, expression[start..position], start));
        }

        tokens.Add(new ExpressionToken(ExpressionTokenKind.End, "<EOF>", expression.Length));
        return tokens;
    }

    private static int WordEnd(string expression, int start)
    {
        var length = expression.AsSpan(start).IndexOfAnyExcept(WordCharacters);
        return length < 0 ? expression.Length : start + length;
    }

    private static int ComparatorEnd(string expression, int start)
    {
        var next = start + 1 < expression.Length ? expression[start + 1] : '\0';
        return (expression[start], next) is ('<', '>') or ('<', '=') or ('>', '=') ? start + 2 : start + 1;
    }
}

/// <summary>One token of an expression and where it starts in the expression text.</summary>
internal readonly record struct ExpressionToken(ExpressionTokenKind Kind, string Text, int Position)
{
    public bool Is(ExpressionTokenKind kind, string text) =>
        Kind == kind && string.Equals(Text, text, StringComparison.Ordinal);

    /// <summary>A keyword (AND, OR, NOT, BETWEEN, IN), which DynamoDB matches without regard to case.</summary>
    public bool IsKeyword(string keyword) =>
        Kind == ExpressionTokenKind.Word && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);
}

internal enum ExpressionTokenKind
{
    /// <summary>An attribute name, keyword or function name: a letter or underscore, then letters, digits, underscores.</summary>
    Word,

    /// <summary>A list index inside brackets.</summary>
    Integer,

    /// <summary><c>#name</c>, resolved through ExpressionAttributeNames.</summary>
    NamePlaceholder,

    /// <summary><c>:value</c>, resolved through ExpressionAttributeValues.</summary>
    ValuePlaceholder,

    /// <summary>One of <c>= &lt;&gt; &lt; &lt;= &gt; &gt;=</c>.</summary>
    Comparator,

    /// <summary>One of <c>( ) [ ] , .</c>, and in an UpdateExpression <c>+ -</c>.</summary>
    Punctuation,

    /// <summary>The end of the expression.</summary>
    End,
}
