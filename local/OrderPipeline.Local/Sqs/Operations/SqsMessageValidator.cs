using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace OrderPipeline.Local.Sqs.Operations;

/// <summary>The checks SQS applies to one message before it accepts it.</summary>
internal static partial class SqsMessageValidator
{
    /// <summary>The largest message SQS accepts: body plus attribute names, types and values, in bytes (1 MiB).</summary>
    public const int MaxMessageBytes = 1_048_576;

    public const int MaxDelaySeconds = 900;
    private const int MaxAttributes = 10;
    private const int MaxAttributeNameLength = 256;

    public static void ValidateBody(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            throw new SqsProtocolException(SqsError.MissingParameter("MessageBody"));
        }

        // Almost every body is text from U+0020 to U+D7FF, which a vectorized search skips in one pass; the first
        // character outside that range (a control character, a surrogate, U+E000 and above) starts the rune-by-rune check.
        var first = body.AsSpan().IndexOfAnyExceptInRange('\u0020', '\uD7FF');
        if (first < 0)
        {
            return;
        }

        var rest = body.AsSpan(first);
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != OperationStatus.Done || !IsAllowed(rune))
            {
                throw new SqsProtocolException(SqsError.InvalidMessageContents());
            }

            rest = rest[consumed..];
        }
    }

    public static void ValidateDelay(int? delaySeconds)
    {
        if (delaySeconds is < 0 or > MaxDelaySeconds)
        {
            throw Invalid($"Value {delaySeconds} for parameter DelaySeconds is invalid. "
                + $"Reason: must be between 0 and {MaxDelaySeconds}, if provided.");
        }
    }

    public static void ValidateAttributes(IReadOnlyDictionary<string, SqsAttributeValue> attributes)
    {
        if (attributes.Count > MaxAttributes)
        {
            throw Invalid($"Number of message attributes [{attributes.Count}] exceeds the allowed maximum [{MaxAttributes}].");
        }

        foreach (var (name, value) in attributes)
        {
            if (name.Length > MaxAttributeNameLength
                || !AttributeName().IsMatch(name)
                || name.Contains("..", StringComparison.Ordinal)
                || name.StartsWith("AWS.", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("Amazon.", StringComparison.OrdinalIgnoreCase))
            {
                throw Invalid($"Message (user) attribute name '{name}' is invalid.");
            }

            ValidateValue(name, value);
        }
    }

    public static void ValidateSystemAttributes(IReadOnlyDictionary<string, SqsAttributeValue> attributes)
    {
        foreach (var (name, value) in attributes)
        {
            if (name != SqsSentMessage.TraceHeaderAttribute)
            {
                throw Invalid($"Message system attribute name '{name}' is invalid.");
            }

            if (value.DataType != "String" || string.IsNullOrEmpty(value.StringValue))
            {
                throw Invalid($"Message system attribute '{name}' must contain a non-empty value of type 'String'.");
            }
        }
    }

    /// <summary>The size SQS counts against <see cref="MaxMessageBytes"/>; system attributes do not count.</summary>
    public static int MessageSize(string body, IReadOnlyDictionary<string, SqsAttributeValue> attributes) =>
        Encoding.UTF8.GetByteCount(body) + attributes.Sum(attribute =>
            Encoding.UTF8.GetByteCount(attribute.Key)
            + Encoding.UTF8.GetByteCount(attribute.Value.DataType)
            + (attribute.Value.StringValue is { } text
                ? Encoding.UTF8.GetByteCount(text)
                : attribute.Value.BinaryValue!.Length));

    /// <param name="size">The message's size, as <see cref="MessageSize"/> counts it.</param>
    /// <param name="maximumMessageSize">The queue's <c>MaximumMessageSize</c>, at most <see cref="MaxMessageBytes"/>.</param>
    public static void ValidateSize(int size, int maximumMessageSize)
    {
        if (size > maximumMessageSize)
        {
            throw Invalid($"One or more parameters are invalid. Reason: Message must be shorter than {maximumMessageSize} bytes.");
        }
    }

    private static void ValidateValue(string name, SqsAttributeValue value)
    {
        var isString = SqsAttributeValue.HasBaseType(value.DataType, "String");
        var isNumber = SqsAttributeValue.HasBaseType(value.DataType, "Number");
        if (!isString && !isNumber && !value.IsBinary)
        {
            throw Invalid($"The type of message (user) attribute '{name}' is invalid. "
                + "You must use only the following supported type prefixes: Binary, Number, String.");
        }

        var hasValue = value.IsBinary ? value.BinaryValue is { Length: > 0 } : !string.IsNullOrEmpty(value.StringValue);
        if (!hasValue || (value.IsBinary ? value.StringValue is not null : value.BinaryValue is not null))
        {
            throw Invalid($"Message (user) attribute '{name}' must contain a non-empty value of type '{value.DataType}'.");
        }

        if (isNumber && !NumberValue().IsMatch(value.StringValue!))
        {
            throw Invalid($"Can't cast the value of message (user) attribute '{name}' to a number.");
        }

        if (value.StringValue is not null)
        {
            ValidateBody(value.StringValue);
        }
    }

    private static bool IsAllowed(Rune rune) =>
        rune.Value is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);

    private static SqsProtocolException Invalid(string message) => new(SqsError.InvalidParameterValue(message));

    [GeneratedRegex("^[A-Za-z0-9_-]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")]
    private static partial Regex AttributeName();

    [GeneratedRegex(@"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")]
    private static partial Regex NumberValue();
}
