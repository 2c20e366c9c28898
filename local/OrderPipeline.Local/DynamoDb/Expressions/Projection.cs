using System.Text.Json;
using OrderPipeline.Local.DynamoDb.Tables;

namespace OrderPipeline.Local.DynamoDb.Expressions;

/// <summary>
/// A ProjectionExpression (comma-separated document paths): writes only the projected parts of an item, keeping
/// nested maps and lists around projected members as DynamoDB does, and omitting paths the item does not have.
/// </summary>
internal sealed class Projection
{
    private readonly Node _root = new();

    private Projection()
    {
    }

    public static Projection Parse(string expressionName, string expression, ExpressionAttributes attributes)
    {
        var cursor = new ExpressionCursor(expressionName, expression, attributes);
        var projection = new Projection();
        do
        {
            var node = projection._root;
            var path = DocumentPath.Parse(cursor);
            foreach (var (name, index) in path.Segments)
            {
                if (node.Whole)
                {
                    throw Overlap(expressionName);
                }

                node = index is { } position
                    ? node.Indexes.TryGetValue(position, out var child) ? child : node.Indexes[position] = new Node()
                    : node.Members.TryGetValue(name!, out child) ? child : node.Members[name!] = new Node();
            }

            node.Whole = node.Whole || node.Members.Count > 0 || node.Indexes.Count > 0 ? throw Overlap(expressionName) : true;
        }
        while (cursor.Accept(ExpressionTokenKind.Punctuation, ","));

        cursor.ExpectEnd();
        return projection;
    }

    /// <summary>
    /// The projection of <paramref name="paths"/>, which must not overlap (an UpdateExpression's paths, already checked):
    /// what UpdateItem answers for ReturnValues UPDATED_OLD and UPDATED_NEW.
    /// </summary>
    public static Projection Of(IEnumerable<DocumentPath> paths)
    {
        var projection = new Projection();
        foreach (var path in paths)
        {
            var node = projection._root;
            foreach (var (name, index) in path.Segments)
            {
                node = index is { } position
                    ? node.Indexes.TryGetValue(position, out var child) ? child : node.Indexes[position] = new Node()
                    : node.Members.TryGetValue(name!, out child) ? child : node.Members[name!] = new Node();
            }

            node.Whole = true;
        }

        return projection;
    }

    /// <summary>Writes the projected item as an attribute map (the value of <c>Item</c>).</summary>
    public void WriteItem(Utf8JsonWriter writer, IReadOnlyDictionary<string, JsonElement> item)
    {
        writer.WriteStartObject();
        foreach (var (name, node) in _root.Members)
        {
            if (item.TryGetValue(name, out var value) && HasAny(value, node))
            {
                writer.WritePropertyName(name);
                Write(writer, value, node);
            }
        }

        writer.WriteEndObject();
    }

    private static DynamoDbProtocolException Overlap(string expressionName) =>
        ExpressionErrors.Invalid(expressionName,
            "Two document paths overlap with each other; must remove or rewrite one of these paths");

    private static bool HasAny(JsonElement value, Node node)
    {
        if (node.Whole)
        {
            return true;
        }

        var type = AttributeValues.TypeOf(value);
        var content = AttributeValues.Content(value);
        return type == AttributeValues.Map
            ? node.Members.Any(member => content.TryGetProperty(member.Key, out var child) && HasAny(child, member.Value))
            : type == AttributeValues.List && node.Indexes.Any(index =>
                index.Key < content.GetArrayLength() && HasAny(content[index.Key], index.Value));
    }

    private static void Write(Utf8JsonWriter writer, JsonElement value, Node node)
    {
        if (node.Whole)
        {
            value.WriteTo(writer);
            return;
        }

        var content = AttributeValues.Content(value);
        writer.WriteStartObject();
        if (AttributeValues.TypeOf(value) == AttributeValues.Map)
        {
            writer.WriteStartObject(AttributeValues.Map);
            foreach (var (name, child) in node.Members)
            {
                if (content.TryGetProperty(name, out var member) && HasAny(member, child))
                {
                    writer.WritePropertyName(name);
                    Write(writer, member, child);
                }
            }

            writer.WriteEndObject();
        }
        else
        {
            writer.WriteStartArray(AttributeValues.List);
            foreach (var (index, child) in node.Indexes)
            {
                if (index < content.GetArrayLength() && HasAny(content[index], child))
                {
                    Write(writer, content[index], child);
                }
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private sealed class Node
    {
        public bool Whole { get; set; }

        public Dictionary<string, Node> Members { get; } = new(StringComparer.Ordinal);

        public SortedDictionary<int, Node> Indexes { get; } = [];
    }
}
