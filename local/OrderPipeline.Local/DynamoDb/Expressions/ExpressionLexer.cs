using System.Buffers;

namespace OrderPipeline.Local.DynamoDb.Expressions;

/// <summary>Splits a condition or projection expression into tokens; unknown characters are syntax errors.</summary>
internal static class ExpressionLexer
{
    public static readonly SearchValues<char> WordCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    public static List<ExpressionToken> Tokenize(string expression, string expressionName)
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
