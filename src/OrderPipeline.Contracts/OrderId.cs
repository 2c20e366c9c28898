using System.Diagnostics.CodeAnalysis;

namespace OrderPipeline.Contracts;

/// <summary>
/// The id the producer gives an accepted order: a UUID version 7, so ids sort by the time they were made.
/// Its text form is the 36-character lowercase "D" form, e.g. <c>019a2b3c-4d5e-7f60-8a1b-2c3d4e5f6a7b</c>.
/// </summary>
public readonly record struct OrderId(Guid Value)
{
    /// <summary>Length of the text form.</summary>
    public const int Length = 36;

    /// <summary>A new UUID version 7 whose timestamp is <paramref name="timeProvider"/>'s current UTC time.</summary>
    public static OrderId New(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return new OrderId(Guid.CreateVersion7(timeProvider.GetUtcNow()));
    }

    /// <summary>
    /// Accepts exactly the text form: 36 characters, lowercase hexadecimal, hyphens at 8-4-4-4-12; no braces, spaces
    /// or capitals. Any UUID version is accepted except the nil UUID. Never throws.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out OrderId id)
    {
        id = default;
        if (text.Length != Length)
        {
            return false;
        }

        for (var index = 0; index < text.Length; index++)
        {
            var isHyphenPosition = index is 8 or 13 or 18 or 23;
            if (isHyphenPosition ? text[index] != '-' : !char.IsAsciiHexDigitLower(text[index]))
            {
                return false;
            }
        }

        var value = Guid.ParseExact(text, "D");
        if (value == Guid.Empty)
        {
            return false;
        }

        id = new OrderId(value);
        return true;
    }

    /// <inheritdoc cref="TryParse(ReadOnlySpan{char}, out OrderId)"/>
    public static bool TryParse([NotNullWhen(true)] string? text, out OrderId id) => TryParse(text.AsSpan(), out id);

    public override string ToString() => Value.ToString("D");
}
