using System.Text.Json;
using System.Text.Json.Nodes;
using OrderPipeline.Local.DynamoDb.Tables;
using Item = System.Collections.Generic.IReadOnlyDictionary<string, System.Text.Json.JsonElement>;

namespace OrderPipeline.Local.DynamoDb.Expressions;

/// <summary>
/// A compiled UpdateExpression
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html):
/// <c>SET path = value</c> where a value is an operand, <c>operand + operand</c> or <c>operand - operand</c>, and an
/// operand a path, a <c>:value</c>, <c>if_not_exists(path, operand)</c> or <c>list_append(operand, operand)</c>;
/// <c>REMOVE path</c>; <c>ADD path :value</c> (numbers and sets); <c>DELETE path :set</c>. Each clause at most once, in
/// any order, its actions comma-separated; no two actions' paths may overlap. Every value is computed from the item as
/// it was before the update, as DynamoDB does, and the key attributes cannot be changed.
/// </summary>
internal sealed class UpdateExpression
{
    public const string Member = "UpdateExpression";

    private static readonly string[] Clauses = ["SET", "REMOVE", "ADD", "DELETE"];

    private readonly List<UpdateAction> _actions;

    private UpdateExpression(List<UpdateAction> actions) => _actions = actions;

    /// <summary>The paths the expression changes, for ReturnValues UPDATED_OLD and UPDATED_NEW.</summary>
    public IEnumerable<DocumentPath> Paths => _actions.Select(action => action.Path);

    public static UpdateExpression Parse(string expression, ExpressionAttributes attributes)
    {
        var cursor = new ExpressionCursor(Member, expression, attributes, arithmetic: true);
        var actions = new List<UpdateAction>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        do
        {
            var clause = Array.Find(Clauses, keyword => cursor.Current.IsKeyword(keyword)) ?? throw cursor.Unexpected();
            if (!seen.Add(clause))
            {
                throw ExpressionErrors.Invalid(Member, $"The \"{clause}\" section can only be used once in an update expression;");
            }

            cursor.Next();
            do
            {
                actions.Add(ParseAction(cursor, clause));
            }
            while (cursor.Accept(ExpressionTokenKind.Punctuation, ","));
        }
        while (cursor.Current.Kind != ExpressionTokenKind.End);

        for (var i = 0; i < actions.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (Overlap(actions[i].Path, actions[j].Path))
                {
                    throw ExpressionErrors.Invalid(Member,
                        "Two document paths overlap with each other; must remove or rewrite one of these paths; "
                        + $"path one: {Describe(actions[j].Path)}, path two: {Describe(actions[i].Path)}");
                }
            }
        }

        return new UpdateExpression(actions);
    }

    /// <summary>Refuses an expression that changes a key attribute, as DynamoDB does before reading the item.</summary>
    public void CheckKeyUntouched(DynamoDbKeySchema schema)
    {
        foreach (var action in _actions)
        {
            if (schema.Attributes.Any(key => key.Name == action.Path.Top))
            {
                throw new DynamoDbProtocolException(DynamoDbError.Validation(
                    $"One or more parameter values were invalid: Cannot update attribute {action.Path.Top}. "
                    + "This attribute is part of the key"));
            }
        }
    }

    /// <summary>
    /// The attribute map after the update of <paramref name="old"/> (the key attributes alone when the item is new).
    /// </summary>
    public JsonObject Apply(Item old, JsonObject target)
    {
        var changes = _actions.Select(action => (action, Value: action.Compute(old))).ToList();
        // List elements are removed from the highest index down, so that each index names the element it named before.
        var ordered = changes
            .OrderBy(change => change.action.Kind == UpdateKind.Remove && change.action.Path.Segments[^1].Index is not null ? 1 : 0)
            .ThenByDescending(change => change.action.Kind == UpdateKind.Remove ? change.action.Path.Segments[^1].Index ?? 0 : 0);
        foreach (var (action, value) in ordered)
        {
            if (action.Kind == UpdateKind.Delete && value is null && action.Path.Resolve(old) is null)
            {
                continue;
            }

            Assign(target, action.Path, value is { } element ? JsonNode.Parse(element.GetRawText()) : null);
        }

        return target;
    }

    private static UpdateAction ParseAction(ExpressionCursor cursor, string clause)
    {
        var path = DocumentPath.Parse(cursor);
        switch (clause)
        {
            case "SET":
                cursor.Expect(ExpressionTokenKind.Comparator, "=");
                var value = ParseValue(cursor);
                return new UpdateAction(UpdateKind.Set, path, old => value(old));
            case "REMOVE":
                return new UpdateAction(UpdateKind.Remove, path, _ => null);
            case "ADD":
                var added = Placeholder(cursor);
                var addedType = AttributeValues.TypeOf(added);
                if (addedType is not (AttributeValues.Number or AttributeValues.StringSet or AttributeValues.NumberSet or AttributeValues.BinarySet))
                {
                    throw ExpressionErrors.Invalid(Member,
                        $"Incorrect operand type for operator or function; operator: ADD, operand type: {LongTypeName(addedType)}");
                }

                return new UpdateAction(UpdateKind.Add, path, old => Add(path.Resolve(old), added));
            default:
                var removed = Placeholder(cursor);
                var removedType = AttributeValues.TypeOf(removed);
                if (removedType is not (AttributeValues.StringSet or AttributeValues.NumberSet or AttributeValues.BinarySet))
                {
                    throw ExpressionErrors.Invalid(Member,
                        $"Incorrect operand type for operator or function; operator: DELETE, operand type: {LongTypeName(removedType)}");
                }

                return new UpdateAction(UpdateKind.Delete, path, old => Difference(path.Resolve(old), removed));
        }
    }

    private static JsonElement Placeholder(ExpressionCursor cursor)
    {
        var token = cursor.Expect(ExpressionTokenKind.ValuePlaceholder);
        return cursor.Attributes.Value(token.Text) ?? throw ExpressionErrors.UndefinedValue(Member, token.Text);
    }

    /// <summary><c>operand</c>, <c>operand + operand</c> or <c>operand - operand</c>.</summary>
    private static Func<Item, JsonElement> ParseValue(ExpressionCursor cursor)
    {
        var left = ParseOperand(cursor);
        if (!cursor.Current.Is(ExpressionTokenKind.Punctuation, "+") && !cursor.Current.Is(ExpressionTokenKind.Punctuation, "-"))
        {
            return left.Evaluate;
        }

        var subtract = cursor.Next().Text == "-";
        var right = ParseOperand(cursor);
        foreach (var operand in (ReadOnlySpan<Operand>)[left, right])
        {
            if (operand.Constant is { } constant && AttributeValues.TypeOf(constant) != AttributeValues.Number)
            {
                throw ExpressionErrors.Invalid(Member,
                    $"Incorrect operand type for operator or function; operator or function: {(subtract ? "-" : "+")}, "
                    + $"operand type: {AttributeValues.TypeOf(constant)}");
            }
        }

        return old =>
        {
            var (a, b) = (left.Evaluate(old), right.Evaluate(old));
            if (AttributeValues.TypeOf(a) != AttributeValues.Number || AttributeValues.TypeOf(b) != AttributeValues.Number)
            {
                throw IncorrectDataType();
            }

            var sum = DynamoDbNumber.Sum(
                AttributeValues.Content(a).GetString()!, AttributeValues.Content(b).GetString()!, subtract);
            return Build(writer => writer.WriteString(AttributeValues.Number, sum));
        };
    }

    private static Operand ParseOperand(ExpressionCursor cursor)
    {
        var token = cursor.Current;
        if (token.Kind == ExpressionTokenKind.ValuePlaceholder)
        {
            var value = Placeholder(cursor);
            return new Operand(_ => value, value);
        }

        if (token.Kind == ExpressionTokenKind.Word && cursor.Peek(1).Is(ExpressionTokenKind.Punctuation, "("))
        {
            return ParseFunction(cursor);
        }

        var path = DocumentPath.Parse(cursor);
        return new Operand(old => path.Resolve(old) ?? throw new DynamoDbProtocolException(DynamoDbError.Validation(
            "The provided expression refers to an attribute that does not exist in the item")), null);
    }

    private static Operand ParseFunction(ExpressionCursor cursor)
    {
        var name = cursor.Next();
        cursor.Expect(ExpressionTokenKind.Punctuation, "(");
        Operand function;
        if (name.Text == "if_not_exists")
        {
            var path = DocumentPath.Parse(cursor);
            cursor.Expect(ExpressionTokenKind.Punctuation, ",");
            var fallback = ParseOperand(cursor);
            function = new Operand(old => path.Resolve(old) ?? fallback.Evaluate(old), null);
        }
        else if (name.Text == "list_append")
        {
            var first = ParseOperand(cursor);
            cursor.Expect(ExpressionTokenKind.Punctuation, ",");
            var second = ParseOperand(cursor);
            foreach (var operand in (ReadOnlySpan<Operand>)[first, second])
            {
                if (operand.Constant is { } constant && AttributeValues.TypeOf(constant) != AttributeValues.List)
                {
                    throw ExpressionErrors.Invalid(Member,
                        "Incorrect operand type for operator or function; operator or function: list_append, "
                        + $"operand type: {AttributeValues.TypeOf(constant)}");
                }
            }

            function = new Operand(old => ListAppend(first.Evaluate(old), second.Evaluate(old)), null);
        }
        else
        {
            throw ExpressionErrors.Invalid(Member, $"Invalid function name; function: {name.Text}");
        }

        cursor.Expect(ExpressionTokenKind.Punctuation, ")");
        return function;
    }

    private static JsonElement ListAppend(JsonElement first, JsonElement second)
    {
        if (AttributeValues.TypeOf(first) != AttributeValues.List || AttributeValues.TypeOf(second) != AttributeValues.List)
        {
            throw IncorrectDataType();
        }

        return Build(writer =>
        {
            writer.WriteStartArray(AttributeValues.List);
            foreach (var element in AttributeValues.Content(first).EnumerateArray().Concat(AttributeValues.Content(second).EnumerateArray()))
            {
                element.WriteTo(writer);
            }

            writer.WriteEndArray();
        });
    }

    /// <summary>ADD: a number to a number, a set's members to a set of the same type, or the value itself when absent.</summary>
    private static JsonElement Add(JsonElement? existing, JsonElement added)
    {
        if (existing is not { } current)
        {
            return added;
        }

        var type = AttributeValues.TypeOf(added);
        if (AttributeValues.TypeOf(current) != type)
        {
            throw IncorrectDataType();
        }

        if (type == AttributeValues.Number)
        {
            var sum = DynamoDbNumber.Sum(
                AttributeValues.Content(current).GetString()!, AttributeValues.Content(added).GetString()!, subtract: false);
            return Build(writer => writer.WriteString(AttributeValues.Number, sum));
        }

        var members = SetMembers(current, type);
        foreach (var (canonical, member) in SetMembers(added, type))
        {
            members.TryAdd(canonical, member);
        }

        return WriteSet(type, members.Values);
    }

    /// <summary>DELETE: the set without the given members; null (remove the attribute) when nothing is left.</summary>
    private static JsonElement? Difference(JsonElement? existing, JsonElement removed)
    {
        if (existing is not { } current)
        {
            return null;
        }

        var type = AttributeValues.TypeOf(removed);
        if (AttributeValues.TypeOf(current) != type)
        {
            throw IncorrectDataType();
        }

        var members = SetMembers(current, type);
        foreach (var canonical in SetMembers(removed, type).Keys)
        {
            members.Remove(canonical);
        }

        return members.Count == 0 ? null : WriteSet(type, members.Values);
    }

    private static Dictionary<string, JsonElement> SetMembers(JsonElement set, string type)
    {
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var member in AttributeValues.Content(set).EnumerateArray())
        {
            members.TryAdd(AttributeValues.CanonicalScalar(type[..1], member), member);
        }

        return members;
    }

    private static JsonElement WriteSet(string type, IEnumerable<JsonElement> members) =>
        Build(writer =>
        {
            writer.WriteStartArray(type);
            foreach (var member in members)
            {
                member.WriteTo(writer);
            }

            writer.WriteEndArray();
        });

    /// <summary>An AttributeValue document whose one member <paramref name="writeMember"/> writes.</summary>
    private static JsonElement Build(Action<Utf8JsonWriter> writeMember)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeMember(writer);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    /// <summary>Sets (or, with a null value, removes) the value at <paramref name="path"/> in an attribute map.</summary>
    private static void Assign(JsonObject item, DocumentPath path, JsonNode? value)
    {
        JsonNode holder = item;
        var segments = path.Segments;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            var attribute = Child(holder, segments[i]);
            var nextIsIndex = segments[i + 1].Index is not null;
            holder = (attribute as JsonObject)?[nextIsIndex ? AttributeValues.List : AttributeValues.Map] ?? throw InvalidPath();
        }

        var (name, index) = segments[^1];
        switch (holder)
        {
            case JsonObject map when index is null:
                if (value is null)
                {
                    map.Remove(name!);
                }
                else
                {
                    map[name!] = value;
                }

                break;
            case JsonArray list when index is { } position:
                if (value is null)
                {
                    if (position < list.Count)
                    {
                        list.RemoveAt(position);
                    }
                }
                else if (position < list.Count)
                {
                    list[position] = value;
                }
                else
                {
                    list.Add(value);
                }

                break;
            default:
                throw InvalidPath();
        }
    }

    private static JsonNode? Child(JsonNode holder, (string? Name, int? Index) segment) =>
        (holder, segment) switch
        {
            (JsonObject map, (string name, null)) => map[name],
            (JsonArray list, (null, int index)) when index < list.Count => list[index],
            _ => null,
        };

    private static bool Overlap(DocumentPath first, DocumentPath second)
    {
        var common = Math.Min(first.Segments.Count, second.Segments.Count);
        for (var i = 0; i < common; i++)
        {
            if (first.Segments[i] != second.Segments[i])
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(DocumentPath path) =>
        "[" + string.Join(", ", path.Segments.Select(segment => segment.Name ?? $"[{segment.Index}]")) + "]";

    private static string LongTypeName(string type) => type switch
    {
        AttributeValues.String => "STRING",
        AttributeValues.Binary => "BINARY",
        AttributeValues.Boolean => "BOOLEAN",
        AttributeValues.Null => "NULL",
        AttributeValues.Map => "MAP",
        AttributeValues.List => "LIST",
        _ => type,
    };

    private static DynamoDbProtocolException IncorrectDataType() =>
        new(DynamoDbError.Validation("An operand in the update expression has an incorrect data type"));

    private static DynamoDbProtocolException InvalidPath() =>
        new(DynamoDbError.Validation("The document path provided in the update expression is invalid for update"));

    private enum UpdateKind
    {
        Set,
        Remove,
        Add,
        Delete,
    }

    /// <summary>One action: where it writes and how it computes the new value from the old item (null removes).</summary>
    private sealed record UpdateAction(UpdateKind Kind, DocumentPath Path, Func<Item, JsonElement?> Compute);

    /// <summary>An operand's value in the old item, and the value itself when it is a <c>:value</c> placeholder.</summary>
    private readonly record struct Operand(Func<Item, JsonElement> Evaluate, JsonElement? Constant);
}
