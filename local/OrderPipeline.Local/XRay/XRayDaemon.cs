using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace OrderPipeline.Local.XRay;

/// <summary>
/// The X-Ray daemon's UDP side: each datagram is <c>{"format":"json","version":1}</c>, a newline, then one segment
/// document in UTF-8. Valid documents go to the <see cref="TraceStore"/>; anything else is counted and dropped.
/// </summary>
internal sealed class XRayDaemon : IAsyncDisposable
{
    private readonly UdpClient _socket;
    private readonly TraceStore _store;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _receiving;
    private int _rejected;

    private XRayDaemon(UdpClient socket, TraceStore store)
    {
        _socket = socket;
        _store = store;
        _receiving = Task.Run(ReceiveAsync);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_socket.Client.LocalEndPoint!;

    /// <summary>The value for <c>AWS_XRAY_DAEMON_ADDRESS</c>.</summary>
    public string Address => $"127.0.0.1:{EndPoint.Port}";

    /// <summary>Datagrams dropped because they were not a header line and a readable segment document.</summary>
    public int Rejected => Volatile.Read(ref _rejected);

    /// <summary>Listens on 127.0.0.1:<paramref name="port"/> (0 picks a free port).</summary>
    public static XRayDaemon Start(int port, TraceStore store) =>
        new(new UdpClient(new IPEndPoint(IPAddress.Loopback, port)), store);

    private static ReadOnlySpan<byte> ExpectedHeader => "{\"format\":\"json\",\"version\":1}"u8;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        try
        {
            await _receiving.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }

        _stopping.Dispose();
    }

    internal bool Accept(ReadOnlySpan<byte> datagram)
    {
        var newline = datagram.IndexOf((byte)'\n');
        if (newline < 0 || !datagram[..newline].SequenceEqual(ExpectedHeader))
        {
            return Reject();
        }

        try
        {
            using var document = JsonDocument.Parse(datagram[(newline + 1)..].ToArray());
            if (!StoredSegment.TryRead(document.RootElement.Clone(), out var segment))
            {
                return Reject();
            }

            _store.Add(segment!);
            return true;
        }
        catch (JsonException)
        {
            return Reject();
        }
    }

    private bool Reject()
    {
        Interlocked.Increment(ref _rejected);
        return false;
    }

    private async Task ReceiveAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                var received = await _socket.ReceiveAsync(_stopping.Token).ConfigureAwait(false);
                Accept(received.Buffer);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
            {
                // An ICMP error from an earlier send: the socket stays usable.
            }
        }
    }
}
