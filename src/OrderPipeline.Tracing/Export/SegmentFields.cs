using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace OrderPipeline.Tracing.Export;

/// <summary>The field names of an X-Ray segment document, encoded once.</summary>
internal static class SegmentFields
{
    public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    public static readonly JsonEncodedText TraceId = JsonEncodedText.Encode("trace_id");
    public static readonly JsonEncodedText ParentId = JsonEncodedText.Encode("parent_id");
    public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    public static readonly JsonEncodedText Subsegment = JsonEncodedText.Encode("subsegment");
    public static readonly JsonEncodedText StartTime = JsonEncodedText.Encode("start_time");
    public static readonly JsonEncodedText EndTime = JsonEncodedText.Encode("end_time");
    public static readonly JsonEncodedText Namespace = JsonEncodedText.Encode("namespace");
    public static readonly JsonEncodedText AwsNamespace = JsonEncodedText.Encode("aws");
    public static readonly JsonEncodedText RemoteNamespace = JsonEncodedText.Encode("remote");
    public static readonly JsonEncodedText Aws = JsonEncodedText.Encode("aws");
    public static readonly JsonEncodedText Operation = JsonEncodedText.Encode("operation");
    public static readonly JsonEncodedText Region = JsonEncodedText.Encode("region");
    public static readonly JsonEncodedText RequestId = JsonEncodedText.Encode("request_id");
    public static readonly JsonEncodedText QueueUrl = JsonEncodedText.Encode("queue_url");
    public static readonly JsonEncodedText TableName = JsonEncodedText.Encode("table_name");
    public static readonly JsonEncodedText Retries = JsonEncodedText.Encode("retries");
    public static readonly JsonEncodedText MessageId = JsonEncodedText.Encode("message_id");
    public static readonly JsonEncodedText Http = JsonEncodedText.Encode("http");
    public static readonly JsonEncodedText Request = JsonEncodedText.Encode("request");
    public static readonly JsonEncodedText Method = JsonEncodedText.Encode("method");
    public static readonly JsonEncodedText Url = JsonEncodedText.Encode("url");
    public static readonly JsonEncodedText Response = JsonEncodedText.Encode("response");
    public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    public static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");
    public static readonly JsonEncodedText Throttle = JsonEncodedText.Encode("throttle");
    public static readonly JsonEncodedText Fault = JsonEncodedText.Encode("fault");
    public static readonly JsonEncodedText Cause = JsonEncodedText.Encode("cause");
    public static readonly JsonEncodedText Exceptions = JsonEncodedText.Encode("exceptions");
    public static readonly JsonEncodedText Annotations = JsonEncodedText.Encode("annotations");
    public static readonly JsonEncodedText Metadata = JsonEncodedText.Encode("metadata");
    public static readonly JsonEncodedText DefaultNamespace = JsonEncodedText.Encode("default");
}

/// <summary>Reduces activity names and tag keys to what X-Ray accepts.</summary>
internal static class SegmentNames
{
    public const int MaxNameLength = 200;
    public const string Unnamed = "unnamed";

    private const string AllowedSymbols = "_.:/%&#=+\\-@";

    private static readonly SearchValues<char> AnnotationKeyChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");

    /// <summary>At most 200 characters of letters, digits, whitespace and <c>_ . : / % &amp; # = + \ - @</c>; others become <c>_</c>.</summary>
    public static string Sanitize(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return Unnamed;
        }

        var source = name.AsSpan(0, Math.Min(name.Length, MaxNameLength));
        if (IsAllowed(source))
        {
            return source.Length == name.Length ? name : source.ToString();
        }

        return string.Create(source.Length, name, static (chars, original) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                var c = original[i];
                chars[i] = IsAllowed(c) ? c : '_';
            }
        });
    }

    /// <summary>An annotation key: letters A-Z, a-z, digits 0-9 and <c>_</c>; others become <c>_</c>.</summary>
    public static string AnnotationKey(string key)
    {
        if (!key.AsSpan().ContainsAnyExcept(AnnotationKeyChars))
        {
            return key;
        }

        return string.Create(key.Length, key, static (chars, original) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = AnnotationKeyChars.Contains(original[i]) ? original[i] : '_';
            }
        });
    }

    private static bool IsAllowed(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!IsAllowed(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAllowed(char c) =>
        char.IsLetterOrDigit(c) || char.IsWhiteSpace(c) || AllowedSymbols.Contains(c, StringComparison.Ordinal);
}

/// <summary>Writes activity tag values as JSON strings, numbers or booleans; anything else as its invariant string.</summary>
internal static class TagValues
{
    public static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int or long or short or byte or sbyte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong number:
                writer.WriteNumberValue(number);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case double number when double.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            case float number when float.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            default:
                writer.WriteStringValue(AsString(value));
                break;
        }
    }

    public static string? AsString(object? value) => value switch
    {
        null => null,
        string text => text,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>The value as an integer when it is one (or a string holding one); otherwise null.</summary>
    public static long? AsInteger(object? value) => value switch
    {
        int or long or short or byte or sbyte or ushort or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        string text when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => number,
        _ => null,
    };
}
