using System.Globalization;
using System.Text.Json;
using OrderPipeline.Local.DynamoDb.Tables;

namespace OrderPipeline.Local.DynamoDb.Expressions;

/// <summary>
/// A document path such as <c>a.#b[2].c</c>: a top-level attribute name, then map keys and list indexes, with
/// placeholders already replaced. A segment is a map key when <c>Index</c> is null.
/// </summary>
internal sealed class DocumentPath(IReadOnlyList<(string? Name, int? Index)> segments)
{
    /// <summary>DynamoDB's limit on the depth of a document path.</summary>
    private const int MaxDepth = 32;

    public IReadOnlyList<(string? Name, int? Index)> Segments { get; } = segments;

    public string Top => Segments[0].Name!;

    public static DocumentPath Parse(ExpressionCursor cursor)
    {
        var segments = new List<(string?, int?)> { (Name(cursor), null) };
        while (true)
        {
            if (cursor.Accept(ExpressionTokenKind.Punctuation, "."))
            {
                segments.Add((Name(cursor), null));
            }
            else if (cursor.Accept(ExpressionTokenKind.Punctuation, "["))
            {
                var index = cursor.Expect(ExpressionTokenKind.Integer);
                segments.Add((null, int.TryParse(index.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                    ? value
                    : throw ExpressionErrors.Invalid(cursor.ExpressionName, "List index is out of range")));
                cursor.Expect(ExpressionTokenKind.Punctuation, "]");
            }
            else
            {
                return new DocumentPath(segments);
            }

            if (segments.Count > MaxDepth)
            {
                throw ExpressionErrors.Invalid(cursor.ExpressionName,
                    $"The document path has too many nesting levels; nesting levels: {segments.Count}");
            }
        }
    }

    /// <summary>The value at this path in <paramref name="item"/>, or null when any step is missing or of another type.</summary>
    public JsonElement? Resolve(IReadOnlyDictionary<string, JsonElement> item)
    {
        if (!item.TryGetValue(Top, out var current))
        {
            return null;
        }

        foreach (var (name, index) in Segments.Skip(1))
        {
            var type = AttributeValues.TypeOf(current);
            var content = AttributeValues.Content(current);
            if (index is { } position)
            {
                if (type != AttributeValues.List || position >= content.GetArrayLength())
                {
                    return null;
                }

                current = content[position];
            }
            else if (type != AttributeValues.Map || !content.TryGetProperty(name!, out current))
            {
                return null;
            }
        }

        return current;
    }

    private static string Name(ExpressionCursor cursor)
    {
        var token = cursor.Current;
        if (token.Kind == ExpressionTokenKind.NamePlaceholder)
        {
            cursor.Next();
            return cursor.Attributes.Name(token.Text) ?? throw ExpressionErrors.UndefinedName(cursor.ExpressionName, token.Text);
        }

        return cursor.Expect(ExpressionTokenKind.Word).Text;
    }
}
