using System.Text;
using System.Text.Json;

namespace OrderPipeline.Local.DynamoDb.Tables;

/// <summary>
/// Checks AttributeValue documents as DynamoDB does (exactly one type, well-formed numbers and base64, non-empty sets
/// without duplicates, NULL only true, at most 32 levels of nesting) and measures them as DynamoDB counts item size.
/// </summary>
internal static class AttributeValueValidator
{
    /// <summary>400 KB, DynamoDB's item size limit.</summary>
    public const int MaxItemBytes = 400 * 1024;

    private const int MaxDepth = 32;
    private const int ContainerOverhead = 3;

    private static readonly HashSet<string> Types = new(StringComparer.Ordinal)
    {
        AttributeValues.String, AttributeValues.Number, AttributeValues.Binary, AttributeValues.Boolean,
        AttributeValues.Null, AttributeValues.Map, AttributeValues.List, AttributeValues.StringSet,
        AttributeValues.NumberSet, AttributeValues.BinarySet,
    };

    /// <summary>Checks an attribute map (an item, a key, expression values) and returns its size in bytes.</summary>
    public static long ValidateMap(JsonElement map, string member)
    {
        if (map.ValueKind != JsonValueKind.Object)
        {
            throw Serialization($"Member {member} must be a map of AttributeValue.");
        }

        ThrowIfDuplicateNames(map, member);
        return map.EnumerateObject().Sum(attribute => Encoding.UTF8.GetByteCount(attribute.Name) + Validate(attribute.Value, 1));
    }

    /// <summary>Throws the ValidationException DynamoDB answers when an item is over 400 KB.</summary>
    public static void CheckItemSize(long size)
    {
        if (size > MaxItemBytes)
        {
            throw new DynamoDbProtocolException(DynamoDbError.Validation("Item size has exceeded the maximum allowed size"));
        }
    }

    private static long Validate(JsonElement value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new DynamoDbProtocolException(DynamoDbError.Validation("Nesting Levels have exceeded supported limits"));
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Serialization("An AttributeValue must be a JSON object.");
        }

        var members = value.EnumerateObject().ToList();
        var unknown = members.FindIndex(member => !Types.Contains(member.Name));
        if (unknown >= 0)
        {
            throw Serialization($"Unknown AttributeValue member {members[unknown].Name}.");
        }

        return members.Count switch
        {
            0 => throw new DynamoDbProtocolException(DynamoDbError.Validation(
                "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")),
            > 1 => throw new DynamoDbProtocolException(DynamoDbError.Validation(
                "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")),
            _ => Measure(members[0].Name, members[0].Value, depth),
        };
    }

    private static long Measure(string type, JsonElement content, int depth) => type switch
    {
        AttributeValues.String => Encoding.UTF8.GetByteCount(Text(content, type)),
        AttributeValues.Number => NumberSize(Text(content, type)),
        AttributeValues.Binary => Bytes(content, type).Length,
        AttributeValues.Boolean => content.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? 1
            : throw Serialization("Member BOOL must be a boolean."),
        AttributeValues.Null => content.ValueKind switch
        {
            JsonValueKind.True => 1,
            JsonValueKind.False => throw new DynamoDbProtocolException(DynamoDbError.InvalidParameter(
                "Null attribute value types must have the value of true")),
            _ => throw Serialization("Member NULL must be a boolean."),
        },
        AttributeValues.Map => MeasureMap(content, depth),
        AttributeValues.List => Array(content, type).Sum(member => 1 + Validate(member, depth + 1)) + ContainerOverhead,
        _ => Set(type, content),
    };

    private static long MeasureMap(JsonElement content, int depth)
    {
        if (content.ValueKind != JsonValueKind.Object)
        {
            throw Serialization("Member M must be a map of AttributeValue.");
        }

        ThrowIfDuplicateNames(content, AttributeValues.Map);
        return ContainerOverhead + content.EnumerateObject().Sum(
            member => Encoding.UTF8.GetByteCount(member.Name) + 1 + Validate(member.Value, depth + 1));
    }

    private static long Set(string type, JsonElement content)
    {
        var members = Array(content, type);
        if (members.Count == 0)
        {
            throw new DynamoDbProtocolException(DynamoDbError.InvalidParameter(type switch
            {
                AttributeValues.StringSet => "An string set  may not be empty",
                AttributeValues.NumberSet => "An number set  may not be empty",
                _ => "Binary sets should not be empty",
            }));
        }

        var scalarType = type[..1];
        var size = members.Sum(member => Measure(scalarType, member, 0));
        var distinct = members.Select(member => AttributeValues.CanonicalScalar(scalarType, member)).Distinct().Count();
        return distinct == members.Count
            ? size
            : throw new DynamoDbProtocolException(DynamoDbError.InvalidParameter(
                $"Input collection [{string.Join(", ", members.Select(member => member.ToString()))}] contains duplicates."));
    }

    private static string Text(JsonElement content, string type) =>
        content.ValueKind == JsonValueKind.String ? content.GetString()! : throw Serialization($"Member {type} must be a string.");

    private static long NumberSize(string text)
    {
        var number = DynamoDbNumber.Parse(text);
        return ((number.Digits.Length + 1) / 2) + 1;
    }

    private static byte[] Bytes(JsonElement content, string type) =>
        content.ValueKind == JsonValueKind.String && content.TryGetBytesFromBase64(out var bytes)
            ? bytes
            : throw Serialization($"Member {type} must be a base64-encoded string.");

    private static List<JsonElement> Array(JsonElement content, string type) =>
        content.ValueKind == JsonValueKind.Array
            ? [.. content.EnumerateArray()]
            : throw Serialization($"Member {type} must be a list.");

    /// <summary>Refuses a map that names an attribute twice, which JSON parsers would otherwise resolve silently.</summary>
    private static void ThrowIfDuplicateNames(JsonElement map, string member)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var attribute in map.EnumerateObject())
        {
            if (!names.Add(attribute.Name))
            {
                throw Serialization($"Member {member} names {attribute.Name} twice.");
            }
        }
    }

    private static DynamoDbProtocolException Serialization(string message) => new(DynamoDbError.Serialization(message));
}
