using System.Diagnostics.CodeAnalysis;

namespace OrderPipeline.Contracts;

/// <summary>
/// A client's idempotency key for one order: 1–64 visible ASCII characters (<c>%x21-7E</c>: no spaces, no control
/// characters, nothing outside ASCII). The same key from the same customer names the same order.
/// </summary>
public readonly record struct IdempotencyKey
{
    public const int MinLength = 1;
    public const int MaxLength = 64;

    private readonly string? _value;

    private IdempotencyKey(string value) => _value = value;

    /// <summary>The key as the client sent it.</summary>
    public string Value => _value ?? throw new InvalidOperationException("The default IdempotencyKey holds no key.");

    /// <summary>True when <paramref name="text"/> is 1–64 characters, each from <c>!</c> to <c>~</c>. Never throws.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out IdempotencyKey key)
    {
        key = default;
        if (text is null || text.Length is < MinLength or > MaxLength)
        {
            return false;
        }

        foreach (var character in text)
        {
            if (character is < '!' or > '~')
            {
                return false;
            }
        }

        key = new IdempotencyKey(text);
        return true;
    }

    public override string ToString() => Value;
}
