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

    public static string OfBody(string body) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(body)));

    public static string OfAttributes(IReadOnlyDictionary<string, SqsAttributeValue> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        foreach (var name in attributes.Keys.Order(StringComparer.Ordinal))
        {
            var value = attributes[name];
            AppendLengthPrefixed(md5, Encoding.UTF8.GetBytes(name));
            AppendLengthPrefixed(md5, Encoding.UTF8.GetBytes(value.DataType));
            if (value.StringValue is not null)
            {
                md5.AppendData([StringTransportType]);
                AppendLengthPrefixed(md5, Encoding.UTF8.GetBytes(value.StringValue));
            }
            else
            {
                md5.AppendData([BinaryTransportType]);
                AppendLengthPrefixed(md5, value.BinaryValue ?? []);
            }
        }

        return Convert.ToHexStringLower(md5.GetHashAndReset());
    }

    private static void AppendLengthPrefixed(IncrementalHash hash, ReadOnlySpan<byte> bytes)
    {
        Span<byte> length = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
