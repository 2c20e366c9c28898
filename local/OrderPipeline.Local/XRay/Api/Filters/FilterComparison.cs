using System.Globalization;
using System.Text.Json;

namespace OrderPipeline.Local.XRay.Api.Filters;

/// <summary>
/// The right-hand side of a comparison (<c>= "value"</c>, <c>&gt;= 2</c>, <c>!= true</c>) and its test of a value. A value
/// of another type than the literal never matches, whatever the operator.
/// </summary>
internal sealed class FilterComparison
{
    private static readonly Dictionary<string, FilterOperator> Operators = new(StringComparer.OrdinalIgnoreCase)
    {
        ["="] = FilterOperator.Equal,
        ["!="] = FilterOperator.NotEqual,
        ["<"] = FilterOperator.Less,
        ["<="] = FilterOperator.LessOrEqual,
        [">"] = FilterOperator.Greater,
        [">="] = FilterOperator.GreaterOrEqual,
        ["CONTAINS"] = FilterOperator.Contains,
        ["BEGINSWITH"] = FilterOperator.BeginsWith,
        ["ENDSWITH"] = FilterOperator.EndsWith,
    };

    private readonly FilterOperator _operator;
    private readonly JsonValueKind _kind;
    private readonly string _text;
    private readonly double _number;

    private FilterComparison(FilterOperator @operator, JsonValueKind kind, string text, double number)
    {
        _operator = @operator;
        _kind = kind;
        _text = text;
        _number = number;
    }

    public static bool IsOperator(FilterToken token) =>
        token.Kind is FilterTokenKind.Symbol or FilterTokenKind.Word && Operators.ContainsKey(token.Text);

    /// <exception cref="FilterExpressionException">Not an operator and a literal, or an operator the literal's type has not.</exception>
    public static FilterComparison Read(FilterToken @operator, FilterToken literal)
    {
        if (!IsOperator(@operator))
        {
            throw new FilterExpressionException($"Expected a comparison operator, found {@operator}.");
        }

        var op = Operators[@operator.Text];
        var (kind, number) = literal switch
        {
            { Kind: FilterTokenKind.String } => (JsonValueKind.String, 0d),
            { Kind: FilterTokenKind.Number } when double.TryParse(literal.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) => (JsonValueKind.Number, n),
            _ when literal.IsWord("true") => (JsonValueKind.True, 0d),
            _ when literal.IsWord("false") => (JsonValueKind.False, 0d),
            _ => throw new FilterExpressionException($"Expected a string, number or boolean, found {literal}."),
        };
        var allowed = kind switch
        {
            JsonValueKind.String => op is FilterOperator.Equal or FilterOperator.NotEqual or FilterOperator.Contains
                or FilterOperator.BeginsWith or FilterOperator.EndsWith,
            JsonValueKind.Number => op is not (FilterOperator.Contains or FilterOperator.BeginsWith or FilterOperator.EndsWith),
            _ => op is FilterOperator.Equal or FilterOperator.NotEqual,
        };
        return allowed
            ? new FilterComparison(op, kind, literal.Text, number)
            : throw new FilterExpressionException($"The operator {@operator} does not apply to {literal}.");
    }

    public bool Matches(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Matches(value.GetString()),
        JsonValueKind.Number => Matches(value.GetDouble()),
        JsonValueKind.True => Matches(true),
        JsonValueKind.False => Matches(false),
        _ => false,
    };

    public bool Matches(string? value) => _kind == JsonValueKind.String && value is not null && _operator switch
    {
        FilterOperator.Equal => value == _text,
        FilterOperator.NotEqual => value != _text,
        FilterOperator.Contains => value.Contains(_text, StringComparison.Ordinal),
        FilterOperator.BeginsWith => value.StartsWith(_text, StringComparison.Ordinal),
        _ => value.EndsWith(_text, StringComparison.Ordinal),
    };

    public bool Matches(double? value) => _kind == JsonValueKind.Number && value is { } v && _operator switch
    {
        FilterOperator.Equal => v == _number,
        FilterOperator.NotEqual => v != _number,
        FilterOperator.Less => v < _number,
        FilterOperator.LessOrEqual => v <= _number,
        FilterOperator.Greater => v > _number,
        _ => v >= _number,
    };

    public bool Matches(bool value) =>
        _kind is JsonValueKind.True or JsonValueKind.False
        && (value == (_kind == JsonValueKind.True)) == (_operator == FilterOperator.Equal);
}
