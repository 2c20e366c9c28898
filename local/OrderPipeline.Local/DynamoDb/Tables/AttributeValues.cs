using System.Text.Json;

namespace OrderPipeline.Local.DynamoDb.Tables;

/// <summary>
/// AttributeValue documents (<c>{"S":"…"}</c>, <c>{"N":"…"}</c>, <c>{"M":{…}}</c> …) kept as the JSON the client sent:
/// their type, equality and ordering as DynamoDB defines them.
/// </summary>
internal static class AttributeValues
{
    public const string String = "S";
    public const string Number = "N";
    public const string Binary = "B";
    public const string Boolean = "BOOL";
    public const string Null = "NULL";
    public const string Map = "M";
    public const string List = "L";
    public const string StringSet = "SS";
    public const string NumberSet = "NS";
    public const string BinarySet = "BS";

    /// <summary>The type member of a value already checked by <see cref="AttributeValueValidator"/>.</summary>
    public static string TypeOf(JsonElement value)
    {
        using var members = value.EnumerateObject();
        members.MoveNext();
        return members.Current.Name;
    }

    public static JsonElement Content(JsonElement value)
    {
        using var members = value.EnumerateObject();
        members.MoveNext();
        return members.Current.Value;
    }

    public static bool AreEqual(JsonElement left, JsonElement right)
    {
        var type = TypeOf(left);
        if (type != TypeOf(right))
        {
            return false;
        }

        var (a, b) = (Content(left), Content(right));
        return type switch
        {
            String => a.ValueEquals(b.GetString()),
            Number => Num(a).CompareTo(Num(b)) == 0,
            Binary => a.GetBytesFromBase64().AsSpan().SequenceEqual(b.GetBytesFromBase64()),
            Boolean => a.GetBoolean() == b.GetBoolean(),
            Null => true,
            List => a.GetArrayLength() == b.GetArrayLength()
                && a.EnumerateArray().Zip(b.EnumerateArray()).All(pair => AreEqual(pair.First, pair.Second)),
            Map => MapsEqual(a, b),
            _ => SetKeys(a, type).SetEquals(SetKeys(b, type)),
        };
    }

    /// <summary>
    /// Orders two values of the same scalar type (S by UTF-8 bytes, N numerically, B by unsigned bytes); null when
    /// DynamoDB does not order them (different types, or not S, N or B).
    /// </summary>
    public static int? Compare(JsonElement left, JsonElement right)
    {
        var type = TypeOf(left);
        if (type != TypeOf(right))
        {
            return null;
        }

        var (a, b) = (Content(left), Content(right));
        return type switch
        {
            String => System.Text.Encoding.UTF8.GetBytes(a.GetString()!).AsSpan()
                .SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(b.GetString()!)),
            Number => Num(a).CompareTo(Num(b)),
            Binary => a.GetBytesFromBase64().AsSpan().SequenceCompareTo(b.GetBytesFromBase64()),
            _ => null,
        };
    }

    /// <summary>The canonical text of a scalar S, N or B value: equal values give equal strings.</summary>
    public static string CanonicalScalar(string type, JsonElement content) => type switch
    {
        Number => Num(content).ToString(),
        Binary => Convert.ToBase64String(content.GetBytesFromBase64()),
        _ => content.GetString()!,
    };

    private static DynamoDbNumber Num(JsonElement content) => DynamoDbNumber.Parse(content.GetString()!);

    private static bool MapsEqual(JsonElement a, JsonElement b)
    {
        var left = a.EnumerateObject().ToDictionary(member => member.Name, member => member.Value, StringComparer.Ordinal);
        var right = b.EnumerateObject().ToDictionary(member => member.Name, member => member.Value, StringComparer.Ordinal);
        return left.Count == right.Count
            && left.All(member => right.TryGetValue(member.Key, out var other) && AreEqual(member.Value, other));
    }

    private static HashSet<string> SetKeys(JsonElement set, string setType)
    {
        var scalarType = setType[..1];
        return [.. set.EnumerateArray().Select(member => CanonicalScalar(scalarType, member))];
    }
}
