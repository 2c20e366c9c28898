using System.Buffers;
using System.Text.Json;
using Amazon.SQS.Model;

namespace OrderPipeline.Local.Lambda.EventSourceMapping;

/// <summary>
/// An SQS event's <c>FilterCriteria</c>: a record goes to the function when it matches any of the filters' patterns,
/// and is deleted from the queue otherwise (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html,
/// https://docs.aws.amazon.com/lambda/latest/dg/with-sqs-filtering.html). A pattern is matched against the record as
/// Lambda writes it (<c>messageId</c>, <c>attributes</c>, <c>messageAttributes</c>, …); under <c>body</c> an object
/// pattern matches a JSON object or array body by its fields, and a list of rules matches a body that is not JSON as a
/// string. Rules: exact values (string, number, boolean, null), <c>prefix</c>, <c>suffix</c>,
/// <c>equals-ignore-case</c>, <c>anything-but</c> (values, or a <c>prefix</c>/<c>suffix</c>), <c>numeric</c>
/// (<c>=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>, one or two comparisons), <c>exists</c>.
/// </summary>
internal sealed class SqsEventFilter
{
    /// <summary>Lambda's default quota of filters per event source mapping.</summary>
    public const int MaxFilters = 5;

    private const string Body = "body";
    private readonly JsonElement[] _patterns;

    private SqsEventFilter(JsonElement[] patterns) => _patterns = patterns;

    /// <summary>The patterns as the template gives them (each a JSON object in a string).</summary>
    public IReadOnlyList<string> Patterns => [.. _patterns.Select(pattern => pattern.GetRawText())];

    /// <summary>Parses and checks each pattern; throws <see cref="FormatException"/> saying which and why.</summary>
    public static SqsEventFilter Parse(IReadOnlyList<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        if (patterns.Count is 0 or > MaxFilters)
        {
            throw new FormatException($"Filters must hold between 1 and {MaxFilters} filters.");
        }

        var parsed = new JsonElement[patterns.Count];
        for (var i = 0; i < patterns.Count; i++)
        {
            try
            {
                using var document = JsonDocument.Parse(patterns[i]);
                parsed[i] = document.RootElement.Clone();
            }
            catch (JsonException exception)
            {
                throw new FormatException($"Filters[{i}].Pattern is not JSON ({exception.Message}).", exception);
            }

            if (parsed[i].ValueKind != JsonValueKind.Object || !parsed[i].EnumerateObject().Any())
            {
                throw new FormatException($"Filters[{i}].Pattern must be a non-empty JSON object.");
            }

            CheckObject(parsed[i], $"Filters[{i}].Pattern");
        }

        return new SqsEventFilter(parsed);
    }

    /// <summary>True when the record Lambda would write for <paramref name="message"/> matches any pattern.</summary>
    public bool Matches(Message message, string eventSourceArn, string region)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var record = JsonDocument.Parse(SqsLambdaEvent.WriteRecord(message, eventSourceArn, region));
        using var jsonBody = TryParseJson(message.Body);
        using var textBody = jsonBody is null ? StringDocument(message.Body) : null;
        return _patterns.Any(pattern =>
            MatchesRecord(pattern, record.RootElement, jsonBody?.RootElement, textBody?.RootElement));
    }

    /// <param name="pattern">One filter's pattern.</param>
    /// <param name="record">The record as Lambda writes it.</param>
    /// <param name="jsonBody">The body parsed, when it is a JSON object or array.</param>
    /// <param name="textBody">Otherwise the body as a JSON string.</param>
    private static bool MatchesRecord(JsonElement pattern, JsonElement record, JsonElement? jsonBody, JsonElement? textBody)
    {
        foreach (var field in pattern.EnumerateObject())
        {
            var matched = field.Name == Body
                ? field.Value.ValueKind == JsonValueKind.Object
                    ? jsonBody is { } json && MatchesObject(field.Value, json)
                    : textBody is { } text && MatchesRules(field.Value, text)
                : MatchesField(field.Value, record.TryGetProperty(field.Name, out var value) ? value : null);
            if (!matched)
            {
                return false;
            }
        }

        return true;
    }

    private static bool MatchesObject(JsonElement pattern, JsonElement value) =>
        value.ValueKind == JsonValueKind.Object
        && pattern.EnumerateObject().All(field =>
            MatchesField(field.Value, value.TryGetProperty(field.Name, out var child) ? child : null));

    private static bool MatchesField(JsonElement pattern, JsonElement? value) =>
        pattern.ValueKind == JsonValueKind.Object
            ? value is { } present && MatchesObject(pattern, present)
            : MatchesRules(pattern, value);

    /// <summary>A list of rules: any rule matching any of the values (an array field's elements) is a match.</summary>
    private static bool MatchesRules(JsonElement rules, JsonElement? value)
    {
        JsonElement[] values = value switch
        {
            null => [],
            { ValueKind: JsonValueKind.Array } array => [.. array.EnumerateArray()],
            { } single => [single],
        };
        foreach (var rule in rules.EnumerateArray())
        {
            if (rule.ValueKind == JsonValueKind.Object && rule.TryGetProperty("exists", out var exists))
            {
                if (exists.GetBoolean() == (value is not null))
                {
                    return true;
                }
            }
            else if (values.Any(candidate => MatchesRule(rule, candidate)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MatchesRule(JsonElement rule, JsonElement value)
    {
        if (rule.ValueKind != JsonValueKind.Object)
        {
            return SameValue(rule, value);
        }

        var (name, operand) = rule.EnumerateObject().Select(property => (property.Name, property.Value)).Single();
        return name switch
        {
            "prefix" => value.ValueKind == JsonValueKind.String
                && value.GetString()!.StartsWith(operand.GetString()!, StringComparison.Ordinal),
            "suffix" => value.ValueKind == JsonValueKind.String
                && value.GetString()!.EndsWith(operand.GetString()!, StringComparison.Ordinal),
            "equals-ignore-case" => value.ValueKind == JsonValueKind.String
                && string.Equals(value.GetString(), operand.GetString(), StringComparison.OrdinalIgnoreCase),
            "anything-but" => operand.ValueKind switch
            {
                JsonValueKind.Array => !operand.EnumerateArray().Any(excluded => SameValue(excluded, value)),
                JsonValueKind.Object => !MatchesRule(operand, value),
                _ => !SameValue(operand, value),
            },
            "numeric" => value.ValueKind == JsonValueKind.Number && MatchesNumeric(operand, value.GetDouble()),
            _ => false,
        };
    }

    private static bool MatchesNumeric(JsonElement comparisons, double value)
    {
        var items = comparisons.EnumerateArray().ToArray();
        for (var i = 0; i < items.Length; i += 2)
        {
            var bound = items[i + 1].GetDouble();
            var holds = items[i].GetString() switch
            {
                "=" => value == bound,
                "<" => value < bound,
                "<=" => value <= bound,
                ">" => value > bound,
                ">=" => value >= bound,
                _ => false,
            };
            if (!holds)
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameValue(JsonElement expected, JsonElement value) =>
        expected.ValueKind switch
        {
            JsonValueKind.String => value.ValueKind == JsonValueKind.String && value.GetString() == expected.GetString(),
            JsonValueKind.Number => value.ValueKind == JsonValueKind.Number && value.GetDouble() == expected.GetDouble(),
            JsonValueKind.Null or JsonValueKind.True or JsonValueKind.False => value.ValueKind == expected.ValueKind,
            _ => false,
        };

    private static JsonDocument StringDocument(string text)
    {
        var buffer = new ArrayBufferWriter<byte>(text.Length + 2);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(text);
        }

        return JsonDocument.Parse(buffer.WrittenMemory);
    }

    private static JsonDocument? TryParseJson(string body)
    {
        try
        {
            var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void CheckObject(JsonElement pattern, string path)
    {
        foreach (var field in pattern.EnumerateObject())
        {
            var at = $"{path}.{field.Name}";
            switch (field.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    CheckObject(field.Value, at);
                    break;
                case JsonValueKind.Array:
                    foreach (var rule in field.Value.EnumerateArray())
                    {
                        CheckRule(rule, at);
                    }

                    break;
                default:
                    throw new FormatException($"{at}: a pattern's values are lists of rules or nested objects.");
            }
        }
    }

    private static void CheckRule(JsonElement rule, string path)
    {
        if (rule.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
            or JsonValueKind.Null)
        {
            return;
        }

        var properties = rule.ValueKind == JsonValueKind.Object ? rule.EnumerateObject().ToArray() : [];
        if (properties.Length != 1)
        {
            throw new FormatException($"{path}: a rule is a value or an object with one operator.");
        }

        var (name, operand) = (properties[0].Name, properties[0].Value);
        var valid = name switch
        {
            "prefix" or "suffix" or "equals-ignore-case" => operand.ValueKind == JsonValueKind.String,
            "exists" => operand.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "numeric" => IsNumericRange(operand),
            "anything-but" => operand.ValueKind switch
            {
                JsonValueKind.String or JsonValueKind.Number => true,
                JsonValueKind.Array => operand.EnumerateArray().All(value => value.ValueKind is JsonValueKind.String or JsonValueKind.Number),
                JsonValueKind.Object => operand.EnumerateObject().ToArray() is [{ Name: "prefix" or "suffix", Value.ValueKind: JsonValueKind.String }],
                _ => false,
            },
            _ => throw new FormatException($"{path}: '{name}' is not a filter rule Lambda knows."),
        };
        if (!valid)
        {
            throw new FormatException($"{path}: the operand of '{name}' is not valid.");
        }
    }

    private static bool IsNumericRange(JsonElement operand)
    {
        var items = operand.ValueKind == JsonValueKind.Array ? operand.EnumerateArray().ToArray() : [];
        if (items.Length is not (2 or 4))
        {
            return false;
        }

        for (var i = 0; i < items.Length; i += 2)
        {
            if (items[i].GetString() is not ("=" or "<" or "<=" or ">" or ">=") || items[i + 1].ValueKind != JsonValueKind.Number)
            {
                return false;
            }
        }

        return true;
    }
}
