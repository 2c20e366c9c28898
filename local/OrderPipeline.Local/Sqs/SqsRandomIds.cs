using System.Security.Cryptography;

namespace OrderPipeline.Local.Sqs;

/// <summary>
/// Random (version 4) UUIDs for message ids and request ids, cut from cryptographically secure random bytes that are
/// fetched 4 KiB (256 ids) at a time. <see cref="Guid.NewGuid"/> asks the OS for every id (a <c>getrandom</c> system
/// call on Linux), which was the largest single cost of a SendMessage in the local endpoint. Thread-safe.
/// </summary>
internal sealed class SqsRandomIds
{
    private const int IdBytes = 16;
    private const int BatchBytes = 256 * IdBytes;
    private const int VersionByte = 7;
    private const int VariantByte = 8;

    private readonly Lock _gate = new();
    private readonly byte[] _batch = new byte[BatchBytes];
    private int _next = BatchBytes;

    /// <summary>A new random UUID, laid out as <see cref="Guid.NewGuid"/> lays out its own (version 4, RFC 9562 variant).</summary>
    public Guid Next()
    {
        Span<byte> bytes = stackalloc byte[IdBytes];
        lock (_gate)
        {
            if (_next == BatchBytes)
            {
                RandomNumberGenerator.Fill(_batch);
                _next = 0;
            }

            _batch.AsSpan(_next, IdBytes).CopyTo(bytes);
            _next += IdBytes;
        }

        // Guid's byte layout is little-endian in its first three fields: the version is the high nibble of byte 7.
        bytes[VersionByte] = (byte)((bytes[VersionByte] & 0x0F) | 0x40);
        bytes[VariantByte] = (byte)((bytes[VariantByte] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary><see cref="Next"/> in the 36-character lowercase form (<c>"D"</c>) SQS uses for ids.</summary>
    public string NextString() => Next().ToString();
}
