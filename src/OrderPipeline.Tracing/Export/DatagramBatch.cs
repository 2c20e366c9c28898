using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace OrderPipeline.Tracing.Export;

/// <summary>
/// Datagrams held to be sent together: their bytes back to back in one buffer that is kept from batch to batch (no
/// allocation once it has grown), and sent with one <c>sendmmsg(2)</c> system call on Linux
/// (https://man7.org/linux/man-pages/man2/sendmmsg.2.html). Bounded by <see cref="MaxDatagrams"/> and
/// <see cref="MaxBytes"/>, which also bounds the burst the daemon's socket must absorb at once. Not thread-safe.
/// </summary>
internal sealed class DatagramBatch
{
    /// <summary>Datagrams held at most; far below <c>sendmmsg</c>'s cap of 1,024 (<c>UIO_MAXIOV</c>).</summary>
    public const int MaxDatagrams = 64;

    /// <summary>
    /// Bytes held at most: two datagrams of the largest size fit, and a full batch stays within a receiving socket's
    /// default buffer on Linux (<c>net.core.rmem_default</c>, 208 KiB), so a burst does not overflow the daemon's.
    /// </summary>
    public const int MaxBytes = 128 * 1024;

    private const int InitialBytes = 16 * 1024;

    private readonly int[] _ends = new int[MaxDatagrams];
    private byte[] _bytes = [];

    public int Count { get; private set; }

    public int ByteCount => Count == 0 ? 0 : _ends[Count - 1];

    public ReadOnlySpan<byte> this[int index] => _bytes.AsSpan(Start(index), _ends[index] - Start(index));

    /// <summary>Whether a datagram of <paramref name="length"/> bytes can be added without passing a bound.</summary>
    public bool Fits(int length) => Count < MaxDatagrams && ByteCount + length <= MaxBytes;

    /// <summary>Adds one datagram, <paramref name="header"/> then <paramref name="body"/>; call <see cref="Fits"/> first.</summary>
    public void Add(ReadOnlySpan<byte> header, ReadOnlySpan<byte> body)
    {
        var start = ByteCount;
        var end = start + header.Length + body.Length;
        if (end > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Min(MaxBytes, Math.Max(end, Math.Max(InitialBytes, _bytes.Length * 2))));
        }

        header.CopyTo(_bytes.AsSpan(start));
        body.CopyTo(_bytes.AsSpan(start + header.Length));
        _ends[Count++] = end;
    }

    public void Clear() => Count = 0;

    /// <summary>
    /// Sends the datagrams from <paramref name="first"/> on to <paramref name="destination"/> (a serialised
    /// <see cref="IPEndPoint"/>, which holds the platform's <c>sockaddr</c>) with one <c>sendmmsg</c> call. Returns how
    /// many were sent: fewer than asked when one failed after others were sent (its error is then lost, as the
    /// manual's BUGS section says), -1 with <paramref name="error"/> (the <c>errno</c>) when none was.
    /// </summary>
    /// <exception cref="EntryPointNotFoundException">The C library has no <c>sendmmsg</c> (not Linux).</exception>
    /// <exception cref="DllNotFoundException">There is no C library by that name (Windows).</exception>
    /// <exception cref="ObjectDisposedException">The socket is closed.</exception>
    public unsafe int SendMany(SafeSocketHandle socket, SocketAddress destination, int first, out int error)
    {
        var count = Count - first;
        Span<IoVector> vectors = stackalloc IoVector[count];
        Span<MultipleMessageHeader> messages = stackalloc MultipleMessageHeader[count];
        fixed (byte* bytes = _bytes)
        fixed (byte* name = destination.Buffer.Span)
        fixed (IoVector* vector = vectors)
        fixed (MultipleMessageHeader* message = messages)
        {
            for (var i = 0; i < count; i++)
            {
                var start = Start(first + i);
                vector[i] = new IoVector { Base = bytes + start, Length = (nuint)(_ends[first + i] - start) };
                message[i] = new MultipleMessageHeader
                {
                    Header = new MessageHeader { Name = name, NameLength = (uint)destination.Size, Vectors = vector + i, VectorCount = 1 },
                };
            }

            var sent = LinuxSockets.SendMultipleMessages(socket, message, (uint)count, 0);
            error = sent < 0 ? Marshal.GetLastPInvokeError() : 0;
            return sent;
        }
    }

    private int Start(int index) => index == 0 ? 0 : _ends[index - 1];
}

/// <summary>
/// <c>sendmmsg</c> and the structures it reads, as glibc declares them (<c>sys/socket.h</c>, <c>bits/socket.h</c>,
/// <c>bits/types/struct_iovec.h</c>) for 64-bit Linux. x86-64 and AArch64 (the two Lambda architectures) are both LP64
/// with natural alignment, so one declaration fits both: <c>iovec</c> is 16 bytes, <c>msghdr</c> 56 (4 bytes of padding
/// after <c>msg_namelen</c> and after <c>msg_flags</c>), <c>mmsghdr</c> 64. Sequential layout reproduces that padding.
/// </summary>
internal static unsafe partial class LinuxSockets
{
    /// <summary><c>ENOSYS</c>: the system call does not exist (the same number on x86-64 and AArch64).</summary>
    public const int NoSuchSystemCall = 38;

    [LibraryImport("libc", EntryPoint = "sendmmsg", SetLastError = true)]
    public static partial int SendMultipleMessages(SafeSocketHandle socket, MultipleMessageHeader* messages, uint count, int flags);
}

/// <summary><c>struct iovec</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoVector
{
    public byte* Base;
    public nuint Length;
}

/// <summary><c>struct msghdr</c>; no control data, no flags on send.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MessageHeader
{
    public byte* Name;
    public uint NameLength;
    public IoVector* Vectors;
    public nuint VectorCount;
    public void* Control;
    public nuint ControlLength;
    public int Flags;
}

/// <summary><c>struct mmsghdr</c>: a message and the bytes the kernel sent of it.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MultipleMessageHeader
{
    public MessageHeader Header;
    public uint SentBytes;
}
