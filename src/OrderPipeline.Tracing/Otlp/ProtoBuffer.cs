using System.Buffers.Binary;
using System.Text;

namespace OrderPipeline.Tracing.Otlp;

/// <summary>
/// Writes protocol buffers wire format (https://protobuf.dev/programming-guides/encoding/) into a growable array:
/// the few encodings OTLP's messages need, without reflection or generated code. A nested message is written in
/// place behind a one-byte length placeholder; when its body turns out to need a longer length varint, the body is
/// moved once to make room, so the encoding is always the canonical one.
/// </summary>
internal sealed class ProtoBuffer
{
    private const int VarintType = 0;
    private const int Fixed64Type = 1;
    private const int LengthDelimitedType = 2;
    private const int Fixed32Type = 5;

    private byte[] _bytes;

    public ProtoBuffer(int initialBytes = 1024) => _bytes = new byte[initialBytes];

    public int Length { get; private set; }

    public int Capacity => _bytes.Length;

    public ReadOnlySpan<byte> WrittenSpan => _bytes.AsSpan(0, Length);

    public ReadOnlyMemory<byte> WrittenMemory => _bytes.AsMemory(0, Length);

    public ReadOnlySpan<byte> Slice(int offset, int length) => _bytes.AsSpan(offset, length);

    public void Clear() => Length = 0;

    /// <summary>Forgets what was written after the first <paramref name="length"/> bytes.</summary>
    public void Truncate(int length) => Length = Math.Min(length, Length);

    /// <summary>Forgets what was written and gives back memory a large flush made it grow to.</summary>
    public void Reset(int keptBytes)
    {
        Length = 0;
        if (_bytes.Length > keptBytes)
        {
            _bytes = new byte[keptBytes];
        }
    }

    /// <summary>The bytes a varint of <paramref name="value"/> takes.</summary>
    public static int VarintSize(ulong value) => (64 - System.Numerics.BitOperations.LeadingZeroCount(value | 1) + 6) / 7;

    /// <summary>The bytes a length-delimited field (number below 16) with a body of <paramref name="length"/> takes.</summary>
    public static int FieldSize(int length) => 1 + VarintSize((ulong)length) + length;

    public void WriteVarint(ulong value)
    {
        var destination = Reserve(10);
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        Length += i;
    }

    public void WriteTag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    public void WriteVarintField(int field, ulong value)
    {
        WriteTag(field, VarintType);
        WriteVarint(value);
    }

    public void WriteFixed32Field(int field, uint value)
    {
        WriteTag(field, Fixed32Type);
        BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), value);
        Length += 4;
    }

    public void WriteFixed64Field(int field, ulong value)
    {
        WriteTag(field, Fixed64Type);
        BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);
        Length += 8;
    }

    public void WriteDoubleField(int field, double value) =>
        WriteFixed64Field(field, BitConverter.DoubleToUInt64Bits(value));

    public void WriteBytesField(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, LengthDelimitedType);
        WriteVarint((ulong)value.Length);
        value.CopyTo(Reserve(value.Length));
        Length += value.Length;
    }

    /// <summary>Writes <paramref name="value"/> as UTF-8; a lone surrogate becomes U+FFFD, as <see cref="Encoding.UTF8"/> does.</summary>
    public void WriteStringField(int field, string value)
    {
        WriteTag(field, LengthDelimitedType);
        var length = Encoding.UTF8.GetByteCount(value);
        WriteVarint((ulong)length);
        Encoding.UTF8.GetBytes(value, Reserve(length));
        Length += length;
    }

    /// <summary>Starts a nested message; give the result to <see cref="EndMessage"/> once its fields are written.</summary>
    public int BeginMessage(int field)
    {
        WriteTag(field, LengthDelimitedType);
        Reserve(1);
        Length++;
        return Length;
    }

    public void EndMessage(int bodyStart)
    {
        var bodyLength = Length - bodyStart;
        var lengthBytes = VarintSize((ulong)bodyLength);
        if (lengthBytes > 1)
        {
            Reserve(lengthBytes - 1);
            Array.Copy(_bytes, bodyStart, _bytes, bodyStart + lengthBytes - 1, bodyLength);
        }

        var end = Length + lengthBytes - 1;
        Length = bodyStart - 1;
        WriteVarint((ulong)bodyLength);
        Length = end;
    }

    /// <summary>Copies bytes already encoded (a field, or a message body behind its tag and length).</summary>
    public void WriteRaw(ReadOnlySpan<byte> encoded)
    {
        encoded.CopyTo(Reserve(encoded.Length));
        Length += encoded.Length;
    }

    public void WriteLengthDelimitedHeader(int field, int length)
    {
        WriteTag(field, LengthDelimitedType);
        WriteVarint((ulong)length);
    }

    private Span<byte> Reserve(int bytes)
    {
        if (_bytes.Length - Length < bytes)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + bytes));
        }

        return _bytes.AsSpan(Length);
    }
}
