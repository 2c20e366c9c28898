using OrderPipeline.Local.XRay.Api.Model;

namespace OrderPipeline.Local.XRay.Api.Filters;

/// <summary>
/// Recursive descent over the tokens of a filter expression:
/// <c>or := and (("OR" | "||") and)*</c>, <c>and := unary (("AND" | "&amp;&amp;") unary)*</c>,
/// <c>unary := ("!" | "NOT") unary | "(" or ")" | predicate</c>.
/// </summary>
internal sealed class FilterParser
{
    private const string AnnotationPrefix = "annotation.";

    private static readonly Dictionary<string, Func<TraceFacts, bool>> Flags = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ok"] = facts => facts.IsOk,
        ["error"] = facts => facts.HasError,
        ["fault"] = facts => facts.HasFault,
        ["throttle"] = facts => facts.HasThrottle,
        ["partial"] = facts => facts.Trace.IsPartial,
    };

    private static readonly Dictionary<string, Func<TraceFacts, double?>> Numbers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["responsetime"] = facts => facts.ResponseTime,
        ["duration"] = facts => facts.Duration,
        ["http.status"] = facts => facts.HttpStatus,
    };

    private static readonly Dictionary<string, Func<TraceFacts, string?>> Strings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["http.url"] = facts => facts.HttpUrl,
        ["http.method"] = facts => facts.HttpMethod,
        ["http.useragent"] = facts => facts.UserAgent,
        ["http.clientip"] = facts => facts.ClientIp,
    };

    private readonly IReadOnlyList<FilterToken> _tokens;
    private int _next;

    private FilterParser(IReadOnlyList<FilterToken> tokens)
    {
        _tokens = tokens;
    }

    private FilterToken Current => _tokens[_next];

    /// <exception cref="FilterExpressionException">The expression is not one this parser reads.</exception>
    public static Func<TraceFacts, bool> Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var parser = new FilterParser(FilterTokenizer.Tokenize(expression));
        var predicate = parser.ParseOr();
        return parser.Current.Kind == FilterTokenKind.End
            ? predicate
            : throw new FilterExpressionException($"Unexpected {parser.Current}.");
    }

    private FilterToken Take() => _tokens[_next++];

    private bool TakeIf(Func<FilterToken, bool> test)
    {
        if (!test(Current))
        {
            return false;
        }

        _next++;
        return true;
    }

    private FilterToken Expect(FilterTokenKind kind, string? text, string what) =>
        Current.Kind == kind && (text is null || Current.Is(kind, text))
            ? Take()
            : throw new FilterExpressionException($"Expected {what}, found {Current}.");

    private Func<TraceFacts, bool> ParseOr()
    {
        var left = ParseAnd();
        while (TakeIf(token => token.IsWord("OR") || token.IsSymbol("||")))
        {
            var (l, r) = (left, ParseAnd());
            left = facts => l(facts) || r(facts);
        }

        return left;
    }

    private Func<TraceFacts, bool> ParseAnd()
    {
        var left = ParseUnary();
        while (TakeIf(token => token.IsWord("AND") || token.IsSymbol("&&")))
        {
            var (l, r) = (left, ParseUnary());
            left = facts => l(facts) && r(facts);
        }

        return left;
    }

    private Func<TraceFacts, bool> ParseUnary()
    {
        if (TakeIf(token => token.IsSymbol("!") || token.IsWord("NOT")))
        {
            var operand = ParseUnary();
            return facts => !operand(facts);
        }

        if (TakeIf(token => token.IsSymbol("(")))
        {
            var inner = ParseOr();
            Expect(FilterTokenKind.Symbol, ")", "')'");
            return inner;
        }

        return ParsePredicate();
    }

    private Func<TraceFacts, bool> ParsePredicate()
    {
        var keyword = Expect(FilterTokenKind.Word, null, "a keyword, annotation.KEY or service(\"name\")");
        if (keyword.IsWord("service"))
        {
            Expect(FilterTokenKind.Symbol, "(", "'(' after service");
            var name = Expect(FilterTokenKind.String, null, "a service name in double quotes").Text;
            Expect(FilterTokenKind.Symbol, ")", "')'");
            return facts => facts.Services.Any(service => service.Name == name);
        }

        if (keyword.Text.StartsWith(AnnotationPrefix, StringComparison.Ordinal) && keyword.Text.Length > AnnotationPrefix.Length)
        {
            var key = keyword.Text[AnnotationPrefix.Length..];
            var comparison = ReadComparison();
            return facts => facts.Annotations.Any(annotation => annotation.Key == key && comparison.Matches(annotation.Value));
        }

        if (Flags.TryGetValue(keyword.Text, out var flag))
        {
            if (!FilterComparison.IsOperator(Current))
            {
                return flag;
            }

            var comparison = ReadComparison();
            return facts => comparison.Matches(flag(facts));
        }

        if (Numbers.TryGetValue(keyword.Text, out var number))
        {
            var comparison = ReadComparison();
            return facts => comparison.Matches(number(facts));
        }

        if (Strings.TryGetValue(keyword.Text, out var text))
        {
            var comparison = ReadComparison();
            return facts => comparison.Matches(text(facts));
        }

        throw new FilterExpressionException($"Unknown keyword {keyword}.");
    }

    private FilterComparison ReadComparison()
    {
        var @operator = Take();
        if (@operator.Kind == FilterTokenKind.End)
        {
            throw new FilterExpressionException($"Expected a comparison operator, found {@operator}.");
        }

        var literal = Current.Kind == FilterTokenKind.End ? Current : Take();
        return FilterComparison.Read(@operator, literal);
    }
}

/// <summary>A filter expression that cannot be read; the message says where and why.</summary>
internal sealed class FilterExpressionException(string message) : Exception(message);
