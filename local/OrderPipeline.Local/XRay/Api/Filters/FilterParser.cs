using System.Text.Json;
using OrderPipeline.Local.XRay.Api.Model;

namespace OrderPipeline.Local.XRay.Api.Filters;

/// <summary>
/// Recursive descent over the tokens of a filter expression, after
/// https://docs.aws.amazon.com/xray/latest/devguide/xray-console-filters.html:
/// <c>or := and (("OR" | "||") and)*</c>, <c>and := unary ((("AND" | "&amp;&amp;")? unary)*</c> (side by side is AND, as in
/// <c>ok !partial duration &lt;3</c>), <c>unary := ("!" | "NOT") unary | "(" or ")" | predicate</c>, where a predicate is
/// a keyword of the scope (bare, or compared with a value) or, in the trace's scope, a complex keyword:
/// <c>service(name) {filter}</c>, <c>edge(source, destination) {filter}</c> (a name is <c>"text"</c> or
/// <c>id(name: "…", type: "…")</c>), <c>annotation.key</c> / <c>annotation[key]</c>, and
/// <c>rootcause.(fault|error|throttle|responsetime).(service|entity|exception) {filter}</c>. <c>group.name</c>,
/// <c>group.arn</c> and <c>rootcause.json</c> are refused: the local X-Ray API serves no groups and no JSON root causes.
/// </summary>
internal sealed class FilterParser
{
    private const string AnnotationPrefix = "annotation.";
    private const int MaxDepth = 64;

    private static readonly Dictionary<string, RootCauseKind> RootCauseKinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fault"] = RootCauseKind.Fault,
        ["error"] = RootCauseKind.Error,
        ["throttle"] = RootCauseKind.Throttle,
        ["responsetime"] = RootCauseKind.ResponseTime,
    };

    private readonly IReadOnlyList<FilterToken> _tokens;
    private int _next;
    private int _depth;

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
        var predicate = parser.ParseOr(FilterScopes.Trace, parser.ReadTraceKeyword);
        return parser.Current.Kind == FilterTokenKind.End
            ? predicate
            : throw new FilterExpressionException($"Unexpected {parser.Current}.");
    }

    private static bool StartsOperand(FilterToken token) =>
        (token.Kind == FilterTokenKind.Word && !token.IsWord("AND") && !token.IsWord("OR"))
        || token.IsSymbol("!") || token.IsSymbol("(");

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

    private FilterToken ExpectSymbol(string symbol) => Expect(FilterTokenKind.Symbol, symbol, $"'{symbol}'");

    private Func<T, bool> ParseOr<T>(FilterKeywords<T> scope, Func<FilterToken, Func<T, bool>?>? complex)
    {
        var left = ParseAnd(scope, complex);
        while (TakeIf(token => token.IsWord("OR") || token.IsSymbol("||")))
        {
            var (l, r) = (left, ParseAnd(scope, complex));
            left = subject => l(subject) || r(subject);
        }

        return left;
    }

    private Func<T, bool> ParseAnd<T>(FilterKeywords<T> scope, Func<FilterToken, Func<T, bool>?>? complex)
    {
        var left = ParseUnary(scope, complex);
        while (TakeIf(token => token.IsWord("AND") || token.IsSymbol("&&")) || StartsOperand(Current))
        {
            var (l, r) = (left, ParseUnary(scope, complex));
            left = subject => l(subject) && r(subject);
        }

        return left;
    }

    private Func<T, bool> ParseUnary<T>(FilterKeywords<T> scope, Func<FilterToken, Func<T, bool>?>? complex)
    {
        if (++_depth > MaxDepth)
        {
            throw new FilterExpressionException($"The expression nests deeper than {MaxDepth} levels at {Current}.");
        }

        try
        {
            if (TakeIf(token => token.IsSymbol("!") || token.IsWord("NOT")))
            {
                var operand = ParseUnary(scope, complex);
                return subject => !operand(subject);
            }

            if (TakeIf(token => token.IsSymbol("(")))
            {
                var inner = ParseOr(scope, complex);
                ExpectSymbol(")");
                return inner;
            }

            return ParsePredicate(scope, complex);
        }
        finally
        {
            _depth--;
        }
    }

    private Func<T, bool> ParsePredicate<T>(FilterKeywords<T> scope, Func<FilterToken, Func<T, bool>?>? complex)
    {
        var keyword = Expect(FilterTokenKind.Word, null, "a keyword");
        if (complex?.Invoke(keyword) is { } special)
        {
            return special;
        }

        if (scope.Flags.TryGetValue(keyword.Text, out var flag))
        {
            if (!FilterComparison.IsOperator(Current))
            {
                return flag;
            }

            var comparison = ReadComparison();
            return subject => comparison.Matches(flag(subject));
        }

        if (scope.Numbers.TryGetValue(keyword.Text, out var number))
        {
            if (!FilterComparison.IsOperator(Current))
            {
                return subject => number(subject) is not null;
            }

            var comparison = ReadComparison();
            return subject => comparison.Matches(number(subject));
        }

        if (scope.Strings.TryGetValue(keyword.Text, out var text))
        {
            if (!FilterComparison.IsOperator(Current))
            {
                return subject => text(subject).Any();
            }

            var comparison = ReadComparison();
            return subject => text(subject).Any(comparison.Matches);
        }

        throw new FilterExpressionException(complex is null && keyword.Text.StartsWith("annotation", StringComparison.OrdinalIgnoreCase)
            ? $"Annotations cannot be tested inside {scope.Scope}: {keyword}."
            : $"Unknown keyword {keyword} for {scope.Scope}.");
    }

    private FilterComparison ReadComparison()
    {
        var @operator = Take();
        var literal = Current.Kind == FilterTokenKind.End ? Current : Take();
        return FilterComparison.Read(@operator, literal);
    }

    // The complex keywords, which only the trace's scope has; null for any other keyword.
    private Func<TraceFacts, bool>? ReadTraceKeyword(FilterToken keyword)
    {
        if (keyword.IsWord("service"))
        {
            return ParseService();
        }

        if (keyword.IsWord("edge"))
        {
            return ParseEdge();
        }

        if (keyword.IsWord("annotation") && Current.IsSymbol("["))
        {
            _next++;
            var key = Current.Kind is FilterTokenKind.Word or FilterTokenKind.String
                ? Take().Text
                : throw new FilterExpressionException($"Expected an annotation key, found {Current}.");
            ExpectSymbol("]");
            return Annotation(key);
        }

        if (keyword.Text.StartsWith(AnnotationPrefix, StringComparison.OrdinalIgnoreCase) && keyword.Text.Length > AnnotationPrefix.Length)
        {
            return Annotation(keyword.Text[AnnotationPrefix.Length..]);
        }

        if (keyword.Text.StartsWith("group.", StringComparison.OrdinalIgnoreCase))
        {
            throw new FilterExpressionException(
                $"{keyword.Text} is not supported: the local X-Ray API serves no groups (CreateGroup, GetGroups).");
        }

        if (keyword.IsWord("json") || keyword.IsWord("rootcause.json"))
        {
            throw new FilterExpressionException($"{keyword.Text} is not supported by the local X-Ray API.");
        }

        if (keyword.Text.StartsWith("rootcause.", StringComparison.OrdinalIgnoreCase))
        {
            return ParseRootCause(keyword);
        }

        return keyword.IsWord("id")
            ? throw new FilterExpressionException($"id(…) names a service inside service(…) or edge(…), found {keyword}.")
            : null;
    }

    private Func<TraceFacts, bool> Annotation(string key)
    {
        if (!FilterComparison.IsOperator(Current))
        {
            // Set, and for a boolean annotation, true.
            return facts => facts.Annotations.Any(annotation => annotation.Key == key && annotation.Value.ValueKind != JsonValueKind.False);
        }

        var comparison = ReadComparison();
        return facts => facts.Annotations.Any(annotation => annotation.Key == key && comparison.Matches(annotation.Value));
    }

    private Func<TraceFacts, bool> ParseService()
    {
        ExpectSymbol("(");
        var service = Current.IsSymbol(")") ? (_ => true) : ParseServiceName();
        ExpectSymbol(")");
        var inner = ParseBraces(FilterScopes.Service);
        return facts => facts.Visits.Any(visit => service(visit.Service) && inner(visit));
    }

    private Func<TraceFacts, bool> ParseEdge()
    {
        ExpectSymbol("(");
        var source = ParseServiceName();
        ExpectSymbol(",");
        var destination = ParseServiceName();
        ExpectSymbol(")");
        var inner = ParseBraces(FilterScopes.Service);
        return facts => facts.Edges.Any(edge => source(edge.Source) && destination(edge.Call.Service) && inner(edge.Call));
    }

    // "name" (every node of that name, whatever its type) or id(name: "…", type: "…"), either member optional.
    private Func<ServiceKey, bool> ParseServiceName()
    {
        if (Current.Kind == FilterTokenKind.String)
        {
            var name = Take().Text;
            return service => service.Name == name;
        }

        Expect(FilterTokenKind.Word, "id", "a service name in double quotes or id(name: \"…\", type: \"…\")");
        ExpectSymbol("(");
        string? idName = null;
        string? idType = null;
        do
        {
            var member = Expect(FilterTokenKind.Word, null, "name or type");
            ExpectSymbol(":");
            var value = Expect(FilterTokenKind.String, null, "a value in double quotes").Text;
            if (member.IsWord("name") && idName is null)
            {
                idName = value;
            }
            else if (member.IsWord("type") && idType is null)
            {
                idType = value;
            }
            else
            {
                throw new FilterExpressionException($"Expected name or type once each in id(…), found {member}.");
            }
        }
        while (TakeIf(token => token.IsSymbol(",")));

        ExpectSymbol(")");
        return service => (idName is null || service.Name == idName) && (idType is null || service.Type == idType);
    }

    private Func<T, bool> ParseBraces<T>(FilterKeywords<T> scope)
    {
        if (!TakeIf(token => token.IsSymbol("{")))
        {
            return _ => true;
        }

        if (TakeIf(token => token.IsSymbol("}")))
        {
            return _ => true;
        }

        if (++_depth > MaxDepth)
        {
            throw new FilterExpressionException($"The expression nests deeper than {MaxDepth} levels at {Current}.");
        }

        var inner = ParseOr(scope, complex: null);
        _depth--;
        ExpectSymbol("}");
        return inner;
    }

    private Func<TraceFacts, bool> ParseRootCause(FilterToken keyword)
    {
        var parts = keyword.Text.Split('.');
        if (parts.Length != 3 || !RootCauseKinds.TryGetValue(parts[1], out var kind))
        {
            throw new FilterExpressionException(
                $"Expected rootcause.(fault|error|throttle|responsetime).(service|entity|exception), found {keyword}.");
        }

        switch (parts[2].ToUpperInvariant())
        {
            case "SERVICE":
                var service = ParseBraces(FilterScopes.RootCauseService);
                return facts => facts.RootCauses(kind).Any(cause => cause.Services.Any(service));
            case "ENTITY":
                var entity = ParseBraces(FilterScopes.RootCauseEntity);
                return facts => facts.RootCauses(kind).Any(cause => cause.Services.Any(s => s.Path.Any(entity)));
            case "EXCEPTION":
                var exception = ParseBraces(FilterScopes.RootCauseException);
                return facts => facts.RootCauses(kind).Any(cause => cause.Services.Any(s => s.Path.Any(e => e.Exceptions.Any(exception))));
            default:
                throw new FilterExpressionException(
                    $"Expected rootcause.(fault|error|throttle|responsetime).(service|entity|exception), found {keyword}.");
        }
    }
}

/// <summary>A filter expression that cannot be read; the message says where and why.</summary>
internal sealed class FilterExpressionException(string message) : Exception(message);
