using System.Text;

namespace OrderPipeline.Local.XRay.Api.Filters;

/// <summary>Splits a filter expression into words, strings, numbers and symbols, ending with an End token.</summary>
internal static class FilterTokenizer
{
    private static readonly string[] Symbols = ["!=", "<=", ">=", "&&", "||", "(", ")", "{", "}", "[", "]", ",", ":", "=", "<", ">", "!"];

    /// <exception cref="FilterExpressionException">An unterminated string or a character no token starts with.</exception>
    public static IReadOnlyList<FilterToken> Tokenize(string expression)
    {
        var tokens = new List<FilterToken>();
        var i = 0;
        while (i < expression.Length)
        {
            var c = expression[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '"')
            {
                tokens.Add(ReadString(expression, ref i));
            }
            else if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < expression.Length && char.IsAsciiDigit(expression[i + 1])))
            {
                tokens.Add(Read(expression, ref i, FilterTokenKind.Number, ch => char.IsAsciiDigit(ch) || ch == '.'));
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                tokens.Add(Read(expression, ref i, FilterTokenKind.Word, ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '.'));
            }
            else if (Symbols.FirstOrDefault(symbol => expression.AsSpan(i).StartsWith(symbol, StringComparison.Ordinal)) is { } symbol)
            {
                tokens.Add(new FilterToken(FilterTokenKind.Symbol, symbol, i));
                i += symbol.Length;
            }
            else
            {
                throw new FilterExpressionException($"Unexpected character '{c}' at {i}.");
            }
        }

        tokens.Add(new FilterToken(FilterTokenKind.End, "", expression.Length));
        return tokens;
    }

    private static FilterToken Read(string expression, ref int i, FilterTokenKind kind, Func<char, bool> continues)
    {
        var start = i++;
        while (i < expression.Length && continues(expression[i]))
        {
            i++;
        }

        return new FilterToken(kind, expression[start..i], start);
    }

    private static FilterToken ReadString(string expression, ref int i)
    {
        var start = i++;
        var value = new StringBuilder();
        while (i < expression.Length && expression[i] != '"')
        {
            if (expression[i] == '\\' && i + 1 < expression.Length)
            {
                i++;
            }

            value.Append(expression[i++]);
        }

        if (i == expression.Length)
        {
            throw new FilterExpressionException($"The string starting at {start} is not closed.");
        }

        i++;
        return new FilterToken(FilterTokenKind.String, value.ToString(), start);
    }
}
