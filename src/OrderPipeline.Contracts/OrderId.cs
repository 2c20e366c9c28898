using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace OrderPipeline.Contracts;

/// <summary>
/// The id the producer gives an accepted order: a UUID version 7, so ids sort by the time they were made; or, when the
/// client sent an idempotency key, a name-based UUID version 8 derived from that key and the customer id.
/// Its text form is the 36-character lowercase "D" form, e.g. <c>019a2b3c-4d5e-7f60-8a1b-2c3d4e5f6a7b</c>.
/// </summary>
public readonly record struct OrderId(Guid Value)
{
    /// <summary>Length of the text form.</summary>
    public const int Length = 36;

    // The namespace of idempotency-key ids (RFC 9562 §6.5), 4964a700-3e21-4318-82cd-200f6f7c07f6: a random UUID chosen
    // once for this application. Changing it changes every derived id, so it never changes.
    private static ReadOnlySpan<byte> NamespaceBytes =>
    [
        0x49, 0x64, 0xa7, 0x00, 0x3e, 0x21, 0x43, 0x18, 0x82, 0xcd, 0x20, 0x0f, 0x6f, 0x7c, 0x07, 0xf6,
    ];

    /// <summary>A new UUID version 7 whose timestamp is <paramref name="timeProvider"/>'s current UTC time.</summary>
    public static OrderId New(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return new OrderId(Guid.CreateVersion7(timeProvider.GetUtcNow()));
    }

    /// <summary>
    /// The id of the order that <paramref name="customerId"/> names with <paramref name="key"/>: a name-based UUID
    /// version 8 (RFC 9562 §5.8, the SHA-256 construction of its Appendix B.2), the first 128 bits of
    /// <c>SHA-256(namespace ‖ key ‖ 0x00 ‖ customerId)</c> with the version and variant bits set. Deterministic, so a
    /// retried request gets the same id without any stored state; the key never holds 0x00, so the name is unambiguous.
    /// </summary>
    /// <remarks>
    /// Version 8 with SHA-256 rather than version 5: RFC 9562 §6.5 points new name-based ids that need another hash than
    /// SHA-1 to version 8, and SHA-1 is not used in new code here. Such ids do not sort by time; orders without a key
    /// keep version 7.
    /// </remarks>
    public static OrderId FromIdempotencyKey(string customerId, IdempotencyKey key)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        var keyLength = key.Value.Length;
        var nameLength = NamespaceBytes.Length + keyLength + 1 + Encoding.UTF8.GetByteCount(customerId);
        var rented = ArrayPool<byte>.Shared.Rent(nameLength);
        try
        {
            var name = rented.AsSpan(0, nameLength);
            NamespaceBytes.CopyTo(name);
            Encoding.ASCII.GetBytes(key.Value, name[NamespaceBytes.Length..]);
            name[NamespaceBytes.Length + keyLength] = 0;
            Encoding.UTF8.GetBytes(customerId, name[(NamespaceBytes.Length + keyLength + 1)..]);

            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(name, hash);
            hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8
            hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // variant 10 (RFC 9562)
            return new OrderId(new Guid(hash[..16], bigEndian: true));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
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
