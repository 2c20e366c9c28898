using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using OrderPipeline.Tracing.Export;

namespace OrderPipeline.Tracing.Tests.Export;

public sealed class DatagramBatchTests
{
    [Fact]
    public void Structures_MatchTheLp64LinuxLayout()
    {
        // glibc's struct iovec, msghdr and mmsghdr on x86-64 and AArch64 (https://man7.org/linux/man-pages/man2/sendmmsg.2.html,
        // https://man7.org/linux/man-pages/man3/iovec.3type.html): pointers and size_t are 8 bytes, socklen_t and int 4.
        Assert.Equal(16, Unsafe.SizeOf<IoVector>());
        Assert.Equal(8, (int)Marshal.OffsetOf<IoVector>(nameof(IoVector.Length)));
        Assert.Equal(56, Unsafe.SizeOf<MessageHeader>());
        Assert.Equal(8, (int)Marshal.OffsetOf<MessageHeader>(nameof(MessageHeader.NameLength)));
        Assert.Equal(16, (int)Marshal.OffsetOf<MessageHeader>(nameof(MessageHeader.Vectors)));
        Assert.Equal(24, (int)Marshal.OffsetOf<MessageHeader>(nameof(MessageHeader.VectorCount)));
        Assert.Equal(32, (int)Marshal.OffsetOf<MessageHeader>(nameof(MessageHeader.Control)));
        Assert.Equal(40, (int)Marshal.OffsetOf<MessageHeader>(nameof(MessageHeader.ControlLength)));
        Assert.Equal(48, (int)Marshal.OffsetOf<MessageHeader>(nameof(MessageHeader.Flags)));
        Assert.Equal(64, Unsafe.SizeOf<MultipleMessageHeader>());
        Assert.Equal(56, (int)Marshal.OffsetOf<MultipleMessageHeader>(nameof(MultipleMessageHeader.SentBytes)));
    }

    [Fact]
    public void Add_KeepsEachDatagramHeaderThenBody()
    {
        var batch = new DatagramBatch();

        batch.Add("h1:"u8, "one"u8);
        batch.Add("h2:"u8, "second"u8);

        Assert.Equal(2, batch.Count);
        Assert.Equal("h1:one"u8.ToArray(), batch[0].ToArray());
        Assert.Equal("h2:second"u8.ToArray(), batch[1].ToArray());
        Assert.Equal(15, batch.ByteCount);
    }

    [Fact]
    public void Fits_StopsAtTheCountAndByteBounds()
    {
        var batch = new DatagramBatch();
        Assert.True(batch.Fits(DatagramBatch.MaxBytes));
        Assert.False(batch.Fits(DatagramBatch.MaxBytes + 1));

        for (var i = 0; i < DatagramBatch.MaxDatagrams; i++)
        {
            batch.Add([], "x"u8);
        }

        Assert.False(batch.Fits(1));
        batch.Clear();
        Assert.Equal(0, batch.Count);
        Assert.True(batch.Fits(DatagramBatch.MaxBytes));
    }

    [Fact]
    public void SendMany_FromAnIndex_SendsTheRestAsSeparateDatagrams()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Throws<EntryPointNotFoundException>(() => SendOnce(out _, out _));
            return;
        }

        var received = SendOnce(out var sent, out var error);

        Assert.Equal(2, sent);
        Assert.Equal(0, error);
        Assert.Equal(["b:2", "c:3"], received);
    }

    [Fact]
    public void SendMany_ClosedSocket_ThrowsObjectDisposed()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var batch = new DatagramBatch();
        batch.Add("a"u8, "1"u8);
        var handle = socket.SafeHandle;
        socket.Dispose();

        Assert.Throws<ObjectDisposedException>(() => batch.SendMany(handle, new IPEndPoint(IPAddress.Loopback, 2000).Serialize(), 0, out _));
    }

    /// <summary>Sends datagrams 1 and 2 of three to a socket on loopback and returns what it received.</summary>
    private static List<string> SendOnce(out int sent, out int error)
    {
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        receiver.ReceiveTimeout = 10_000;
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var batch = new DatagramBatch();
        batch.Add("a:"u8, "1"u8);
        batch.Add("b:"u8, "2"u8);
        batch.Add("c:"u8, "3"u8);

        sent = batch.SendMany(sender.SafeHandle, receiver.LocalEndPoint!.Serialize(), 1, out error);

        var received = new List<string>();
        var buffer = new byte[64];
        for (var i = 0; i < sent; i++)
        {
            received.Add(System.Text.Encoding.UTF8.GetString(buffer, 0, receiver.Receive(buffer)));
        }

        return received;
    }
}
