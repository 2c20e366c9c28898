using System.Text.Json;
using OrderPipeline.Local.DynamoDb.Operations;
using OrderPipeline.Local.DynamoDb.Tables;

namespace OrderPipeline.Local.DynamoDb.Expressions;

/// <summary>
/// A request's <c>ExpressionAttributeNames</c> (<c>#name</c> → attribute name) and <c>ExpressionAttributeValues</c>
/// (<c>:value</c> → AttributeValue): checked as DynamoDB checks them, and tracked so that placeholders no expression
/// uses are refused as DynamoDB refuses them.
/// </summary>
internal sealed class ExpressionAttributes
{
    public const string NamesMember = "ExpressionAttributeNames";
    public const string ValuesMember = "ExpressionAttributeValues";

    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonElement> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public ExpressionAttributes(JsonElement request)
    {
        if (DynamoDbJson.Member(request, NamesMember, JsonValueKind.Object) is { } names)
        {
            foreach (var name in names.EnumerateObject())
            {
                CheckKey(name.Name, '#', NamesMember);
                _names[name.Name] = name.Value.ValueKind == JsonValueKind.String
                    ? name.Value.GetString()!
                    : throw new DynamoDbProtocolException(DynamoDbError.Serialization(
                        $"Member {NamesMember}.{name.Name} must be a string."));
            }

            ThrowIfEmpty(_names.Count, NamesMember);
        }

        if (DynamoDbJson.Member(request, ValuesMember, JsonValueKind.Object) is { } values)
        {
            AttributeValueValidator.ValidateMap(values, ValuesMember);
            foreach (var value in values.EnumerateObject())
            {
                CheckKey(value.Name, ':', ValuesMember);
                _values[value.Name] = value.Value;
            }

            ThrowIfEmpty(_values.Count, ValuesMember);
        }
    }

    /// <summary>The attribute name behind <paramref name="placeholder"/>, or null when it is not defined.</summary>
    public string? Name(string placeholder)
    {
        _used.Add(placeholder);
        return _names.GetValueOrDefault(placeholder);
    }

    /// <summary>The AttributeValue behind <paramref name="placeholder"/>, or null when it is not defined.</summary>
    public JsonElement? Value(string placeholder)
    {
        _used.Add(placeholder);
        return _values.TryGetValue(placeholder, out var value) ? value : null;
    }

    /// <summary>
    /// Throws the ValidationException DynamoDB answers when a defined placeholder was used by no expression, or when
    /// placeholders were defined for a request with no expression at all.
    /// </summary>
    public void EnsureAllUsed(bool anyExpression)
    {
        foreach (var (count, member) in (ReadOnlySpan<(int, string)>)[(_names.Count, NamesMember), (_values.Count, ValuesMember)])
        {
            if (!anyExpression && count > 0)
            {
                throw new DynamoDbProtocolException(DynamoDbError.Validation(
                    $"{member} can only be specified when using expressions"));
            }
        }

        ThrowIfUnused(_names.Keys, NamesMember);
        ThrowIfUnused(_values.Keys, ValuesMember);
    }

    private void ThrowIfUnused(IEnumerable<string> placeholders, string member)
    {
        var unused = placeholders.Where(placeholder => !_used.Contains(placeholder)).Order(StringComparer.Ordinal).ToList();
        if (unused.Count > 0)
        {
            throw new DynamoDbProtocolException(DynamoDbError.Validation(
                $"Value provided in {member} unused in expressions: keys: {{{string.Join(", ", unused)}}}"));
        }
    }

    private static void CheckKey(string key, char sigil, string member)
    {
        if (key.Length < 2 || key[0] != sigil || key.AsSpan(1).ContainsAnyExcept(ExpressionLexer.WordCharacters))
        {
            throw new DynamoDbProtocolException(DynamoDbError.Validation(
                $"{member} contains invalid key: Syntax error; key: \"{key}\""));
        }
    }

    private static void ThrowIfEmpty(int count, string member)
    {
        if (count == 0)
        {
            throw new DynamoDbProtocolException(DynamoDbError.Validation($"{member} must not be empty"));
        }
    }
}
