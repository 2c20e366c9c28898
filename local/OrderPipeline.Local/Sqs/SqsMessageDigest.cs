using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace OrderPipeline.Local.Sqs;

/// <summary>
/// The MD5 digests SQS returns (<c>MD5OfMessageBody</c>, <c>MD5OfMessageAttributes</c>,
/// <c>MD5OfMessageSystemAttributes</c>), as lowercase hex. Attribute digests follow the SQS algorithm: attributes
/// sorted by name (ordinal), each encoded as length-prefixed name, length-prefixed data type, one transport byte
/// (1 string, 2 binary) and the length-prefixed value; every length is a 4-byte big-endian count of UTF-8 bytes.
/// </summary>
[SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms",
    Justification = "SQS defines these integrity digests as MD5; they carry no security meaning.")]
public static class SqsMessageDigest
{
    private const byte StringTransportType = 1;
    private const byte BinaryTransportType = 2;
    private const int LengthPrefixBytes = sizeof(int);
    private const int StackBufferBytes = 1024;

    public static string OfBody(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var maxBytes = Encoding.UTF8.GetMaxByteCount(body.Length);
        byte[]? rented = null;
        Span<byte> buffer = maxBytes <= StackBufferBytes
            ? stackalloc byte[StackBufferBytes]
            : rented = ArrayPool<byte>.Shared.Rent(maxBytes);
        try
        {
            return Md5Hex(buffer[..Encoding.UTF8.GetBytes(body, buffer)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public static string OfAttributes(IReadOnlyDictionary<string, SqsAttributeValue> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var names = attributes.Keys.ToArray();
        Array.Sort(names, StringComparer.Ordinal);
        var size = 0;
        foreach (var name in names)
        {
            var value = attributes[name];
            size += LengthPrefixBytes + Encoding.UTF8.GetByteCount(name)
                + LengthPrefixBytes + Encoding.UTF8.GetByteCount(value.DataType)
                + 1 + LengthPrefixBytes
                + (value.StringValue is { } text ? Encoding.UTF8.GetByteCount(text) : value.BinaryValue?.Length ?? 0);
        }

        var rented = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var written = 0;
            foreach (var name in names)
            {
                var value = attributes[name];
                written += AppendLengthPrefixed(rented.AsSpan(written), name);
                written += AppendLengthPrefixed(rented.AsSpan(written), value.DataType);
                if (value.StringValue is not null)
                {
                    rented[written++] = StringTransportType;
                    written += AppendLengthPrefixed(rented.AsSpan(written), value.StringValue);
                }
                else
                {
                    rented[written++] = BinaryTransportType;
                    var binary = value.BinaryValue ?? [];
                    BinaryPrimitives.WriteInt32BigEndian(rented.AsSpan(written), binary.Length);
                    binary.CopyTo(rented.AsSpan(written + LengthPrefixBytes));
                    written += LengthPrefixBytes + binary.Length;
                }
            }

            return Md5Hex(rented.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Writes the 4-byte big-endian UTF-8 length of <paramref name="text"/>, then its UTF-8 bytes.</summary>
    /// <returns>The bytes written.</returns>
    private static int AppendLengthPrefixed(Span<byte> destination, string text)
    {
        var length = Encoding.UTF8.GetBytes(text, destination[LengthPrefixBytes..]);
        BinaryPrimitives.WriteInt32BigEndian(destination, length);
        return LengthPrefixBytes + length;
    }

    private static string Md5Hex(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[MD5.HashSizeInBytes];
        MD5.HashData(data, hash);
        return Convert.ToHexStringLower(hash);
    }
}
