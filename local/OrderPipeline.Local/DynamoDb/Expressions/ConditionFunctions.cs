using System.Text;
using System.Text.Json;
using OrderPipeline.Local.DynamoDb.Tables;
using Item = System.Collections.Generic.IReadOnlyDictionary<string, System.Text.Json.JsonElement>;

namespace OrderPipeline.Local.DynamoDb.Expressions;

/// <summary>
/// The condition functions: <c>attribute_exists(path)</c>, <c>attribute_not_exists(path)</c>,
/// <c>attribute_type(path, :type)</c>, <c>begins_with(path, operand)</c> and <c>contains(path, operand)</c>. The
/// operand function <c>size</c> is refused with a ValidationException naming it.
/// </summary>
internal static class ConditionFunctions
{
    private static readonly HashSet<string> AttributeTypes = new(StringComparer.Ordinal)
    {
        AttributeValues.String, AttributeValues.Number, AttributeValues.Binary, AttributeValues.Boolean,
        AttributeValues.Null, AttributeValues.Map, AttributeValues.List, AttributeValues.StringSet,
        AttributeValues.NumberSet, AttributeValues.BinarySet,
    };

    public static Func<Item, bool> Parse(ExpressionCursor cursor)
    {
        var name = cursor.Next().Text;
        if (name is not ("attribute_exists" or "attribute_not_exists" or "attribute_type" or "begins_with" or "contains"))
        {
            throw Unsupported(cursor, name);
        }

        cursor.Expect(ExpressionTokenKind.Punctuation, "(");
        if (cursor.Current.Kind == ExpressionTokenKind.ValuePlaceholder)
        {
            throw ExpressionErrors.Invalid(cursor.ExpressionName,
                $"Operator or function requires a document path; operator or function: {name}");
        }

        var path = DocumentPath.Parse(cursor);
        Func<Item, bool> condition = name switch
        {
            "attribute_exists" => item => path.Resolve(item) is not null,
            "attribute_not_exists" => item => path.Resolve(item) is null,
            _ => WithOperand(cursor, name, path),
        };
        cursor.Expect(ExpressionTokenKind.Punctuation, ")");
        return condition;
    }

    public static DynamoDbProtocolException Unsupported(ExpressionCursor cursor, string name) =>
        ExpressionErrors.Invalid(cursor.ExpressionName, name == "size"
            ? "The function is not supported by this local endpoint; function: size"
            : $"Invalid function name; function: {name}");

    private static Func<Item, bool> WithOperand(ExpressionCursor cursor, string name, DocumentPath path)
    {
        cursor.Expect(ExpressionTokenKind.Punctuation, ",");
        var operand = ConditionParser.ParseOperand(cursor);
        if (name == "attribute_type")
        {
            var type = operand.Constant is { } constant && AttributeValues.TypeOf(constant) == AttributeValues.String
                ? AttributeValues.Content(constant).GetString()!
                : throw IncorrectOperand(cursor, name, operand.Constant);
            return AttributeTypes.Contains(type)
                ? item => path.Resolve(item) is { } value && AttributeValues.TypeOf(value) == type
                : throw ExpressionErrors.Invalid(cursor.ExpressionName,
                    $"Invalid attribute type name found; type: {type}, valid types: {{B,NULL,SS,BOOL,L,BS,N,NS,S,M}}");
        }

        if (name == "begins_with" && operand.Constant is { } prefix
            && AttributeValues.TypeOf(prefix) is not (AttributeValues.String or AttributeValues.Binary))
        {
            throw IncorrectOperand(cursor, name, prefix);
        }

        return name == "begins_with"
            ? item => path.Resolve(item) is { } value && operand.Evaluate(item) is { } start && BeginsWith(value, start)
            : item => path.Resolve(item) is { } value && operand.Evaluate(item) is { } part && Contains(value, part);
    }

    private static bool BeginsWith(JsonElement value, JsonElement prefix) =>
        (AttributeValues.TypeOf(value), AttributeValues.TypeOf(prefix)) switch
        {
            (AttributeValues.String, AttributeValues.String) =>
                Encoding.UTF8.GetBytes(Text(value)).AsSpan().StartsWith(Encoding.UTF8.GetBytes(Text(prefix))),
            (AttributeValues.Binary, AttributeValues.Binary) =>
                Bytes(value).AsSpan().StartsWith(Bytes(prefix)),
            _ => false,
        };

    private static bool Contains(JsonElement value, JsonElement part)
    {
        var (type, partType) = (AttributeValues.TypeOf(value), AttributeValues.TypeOf(part));
        var content = AttributeValues.Content(value);
        return type switch
        {
            AttributeValues.String => partType == AttributeValues.String
                && Text(value).Contains(Text(part), StringComparison.Ordinal),
            AttributeValues.Binary => partType == AttributeValues.Binary
                && Bytes(value).AsSpan().IndexOf(Bytes(part)) >= 0,
            AttributeValues.List => content.EnumerateArray().Any(element => AttributeValues.AreEqual(element, part)),
            AttributeValues.StringSet or AttributeValues.NumberSet or AttributeValues.BinarySet =>
                partType == type[..1] && content.EnumerateArray().Any(element =>
                    AttributeValues.CanonicalScalar(partType, element)
                        == AttributeValues.CanonicalScalar(partType, AttributeValues.Content(part))),
            _ => false,
        };
    }

    private static DynamoDbProtocolException IncorrectOperand(ExpressionCursor cursor, string name, JsonElement? operand) =>
        ExpressionErrors.Invalid(cursor.ExpressionName,
            $"Incorrect operand type for operator or function; operator or function: {name}, operand type: "
            + (operand is { } value ? AttributeValues.TypeOf(value) : "path"));

    private static string Text(JsonElement value) => AttributeValues.Content(value).GetString()!;

    private static byte[] Bytes(JsonElement value) => AttributeValues.Content(value).GetBytesFromBase64();
}
