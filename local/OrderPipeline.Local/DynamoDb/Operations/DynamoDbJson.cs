using System.Buffers;
using System.Globalization;
using System.Text.Json;
using OrderPipeline.Local.DynamoDb.Tables;

namespace OrderPipeline.Local.DynamoDb.Operations;

/// <summary>Reads request members in the AWS JSON 1.0 shapes DynamoDB uses, with its constraint messages.</summary>
internal static class DynamoDbJson
{
    private const int MinTableName = 3;
    private const int MaxTableName = 255;
    private const int MaxTableArn = 1024;
    private const string TableNamePattern = "[a-zA-Z0-9_.-]+";

    private static readonly SearchValues<char> TableNameCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-");

    public static JsonElement? Member(JsonElement request, string name, JsonValueKind kind)
    {
        if (request.ValueKind != JsonValueKind.Object)
        {
            throw new DynamoDbProtocolException(DynamoDbError.Serialization(
                $"Expected a structure with member {name}, found {request.ValueKind}."));
        }

        if (!request.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == kind || (kind == JsonValueKind.True && value.ValueKind == JsonValueKind.False)
            ? value
            : throw new DynamoDbProtocolException(DynamoDbError.Serialization($"Member {name} must be {Describe(kind)}."));
    }

    public static string? OptionalString(JsonElement request, string name) =>
        Member(request, name, JsonValueKind.String)?.GetString();

    public static bool OptionalBool(JsonElement request, string name) =>
        Member(request, name, JsonValueKind.True) is { } value && value.GetBoolean();

    public static long? OptionalLong(JsonElement request, string name) =>
        Member(request, name, JsonValueKind.Number) is { } value
            ? value.TryGetInt64(out var number)
                ? number
                : throw new DynamoDbProtocolException(DynamoDbError.Serialization($"Member {name} must be an integer."))
            : null;

    /// <summary>A required member; <paramref name="member"/> is its camelCase name in DynamoDB's constraint messages.</summary>
    public static JsonElement Required(JsonElement request, string name, JsonValueKind kind, string member) =>
        Member(request, name, kind)
            ?? throw new DynamoDbProtocolException(DynamoDbError.Constraint("null", member, "Member must not be null"));

    /// <summary><c>TableName</c>: a name of 3–255 of <c>[a-zA-Z0-9_.-]</c>, or a table ARN.</summary>
    public static string TableName(JsonElement request) =>
        CheckTableName(Required(request, "TableName", JsonValueKind.String, "tableName").GetString()!);

    public static string CheckTableName(string name)
    {
        var isArn = name.StartsWith("arn:", StringComparison.Ordinal);
        var (min, max) = isArn ? (1, MaxTableArn) : (MinTableName, MaxTableName);
        if (name.Length < min)
        {
            throw Constraint(name, "tableName", $"Member must have length greater than or equal to {min}");
        }

        if (name.Length > max)
        {
            throw Constraint(name, "tableName", $"Member must have length less than or equal to {max}");
        }

        return isArn || !name.AsSpan().ContainsAnyExcept(TableNameCharacters)
            ? name
            : throw Constraint(name, "tableName", "Member must satisfy regular expression pattern: " + TableNamePattern);
    }

    /// <summary>An attribute map member (Item, Key, ExclusiveStartKey), checked; its size as DynamoDB counts it.</summary>
    public static (JsonElement Map, long Size)? AttributeMap(JsonElement request, string name) =>
        Member(request, name, JsonValueKind.Object) is { } map ? (map, AttributeValueValidator.ValidateMap(map, name)) : null;

    public static Dictionary<string, JsonElement> ToDictionary(JsonElement map) =>
        map.EnumerateObject().ToDictionary(member => member.Name, member => member.Value, StringComparer.Ordinal);

    /// <summary>An enum-valued member: null when absent, else one of <paramref name="allowed"/>.</summary>
    public static string? Enum(JsonElement request, string name, string member, params string[] allowed)
    {
        var value = OptionalString(request, name);
        return value is null || allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw Constraint(value, member, $"Member must satisfy enum value set: [{string.Join(", ", allowed)}]");
    }

    public static DynamoDbProtocolException Constraint(string value, string member, string constraint) =>
        new(DynamoDbError.Constraint($"'{value}'", member, constraint));

    public static DynamoDbProtocolException Constraint(long value, string member, string constraint) =>
        new(DynamoDbError.Constraint($"'{value.ToString(CultureInfo.InvariantCulture)}'", member, constraint));

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "a structure or map",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => "a boolean",
    };
}
