using System.Net;
using System.Net.Sockets;

namespace OrderPipeline.Benchmarks.Support;

/// <summary>
/// Stands in for the X-Ray daemon: a UDP socket on 127.0.0.1 (port chosen by the system) drained by its own thread,
/// as the daemon drains its socket in the Lambda sandbox.
/// </summary>
internal sealed class LoopbackUdpReceiver : IDisposable
{
    private const int MaxDatagramBytes = 65_536;

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Thread _drain;
    private long _received;

    public LoopbackUdpReceiver()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Endpoint = (IPEndPoint)_socket.LocalEndPoint!;
        _drain = new Thread(Drain) { IsBackground = true, Name = nameof(LoopbackUdpReceiver) };
        _drain.Start();
    }

    public IPEndPoint Endpoint { get; }

    /// <summary>The value of <c>AWS_XRAY_DAEMON_ADDRESS</c> that points an emitter here.</summary>
    public string DaemonAddress => $"{Endpoint.Address}:{Endpoint.Port}";

    public long Received => Interlocked.Read(ref _received);

    /// <summary>Waits until at least <paramref name="count"/> datagrams have arrived; false after <paramref name="timeout"/>.</summary>
    public bool WaitForReceived(long count, TimeSpan timeout) => SpinWait.SpinUntil(() => Received >= count, timeout);

    public void Dispose()
    {
        _socket.Dispose();
        _drain.Join();
    }

    private void Drain()
    {
        var buffer = new byte[MaxDatagramBytes];
        try
        {
            while (true)
            {
                _socket.Receive(buffer);
                Interlocked.Increment(ref _received);
            }
        }
        catch (SocketException)
        {
            // Disposing the socket ends the blocked receive.
        }
        catch (ObjectDisposedException)
        {
            // Disposed between two receives.
        }
    }
}
