using System.Buffers;
using System.Text;
using System.Text.Json;

namespace OrderPipeline.Contracts.Json;

/// <summary>Runs a hand-written <see cref="Utf8JsonWriter"/> writer into a buffer: no reflection, AOT-safe.</summary>
internal static class JsonBuffer
{
    private const int InitialCapacity = 512;

    public static byte[] ToUtf8<T>(T value, Action<Utf8JsonWriter, T> write) => Write(value, write).WrittenSpan.ToArray();

    public static string ToText<T>(T value, Action<Utf8JsonWriter, T> write) =>
        Encoding.UTF8.GetString(Write(value, write).WrittenSpan);

    private static ArrayBufferWriter<byte> Write<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        var buffer = new ArrayBufferWriter<byte>(InitialCapacity);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer, value);
        }

        return buffer;
    }
}
