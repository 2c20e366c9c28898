using System.Net;
using System.Net.Sockets;

namespace OrderPipeline.Local.Cli.Bench.Sqs;

/// <summary>
/// A minimal stand-in server on 127.0.0.1: one thread per connection, blocking I/O, answering every request with the
/// same pre-built bytes. Its threads measure their CPU time, so that what it spent can be taken out of the process'
/// total when a client is measured against it.
/// </summary>
internal sealed class CannedHttpServer : IDisposable
{
    private static readonly byte[] Continue = "HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray();

    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly byte[] _response;
    private readonly List<Socket> _connections = [];
    private readonly Thread _accepting;
    private long _cpuNanoseconds;

    public CannedHttpServer(byte[] response)
    {
        _response = response;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(128);
        _accepting = new Thread(Accept) { IsBackground = true, Name = "bench stand-in accept" };
        _accepting.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    /// <summary>CPU its connection threads have used so far (a connection's share is added as it runs).</summary>
    public TimeSpan Cpu => TimeSpan.FromTicks(Interlocked.Read(ref _cpuNanoseconds) / 100);

    public void Dispose()
    {
        _listener.Dispose();
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }
        }

        _accepting.Join();
    }

    private void Accept()
    {
        while (true)
        {
            Socket connection;
            try
            {
                connection = _listener.Accept();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            connection.NoDelay = true;
            lock (_connections)
            {
                _connections.Add(connection);
            }

            new Thread(() => Serve(connection)) { IsBackground = true, Name = "bench stand-in" }.Start();
        }
    }

    private void Serve(Socket connection)
    {
        var reader = new RawHttpReader(connection);
        var since = ThreadCpuClock.NowNanoseconds();
        try
        {
            while (reader.TryReadMessage(() => connection.Send(Continue)))
            {
                connection.Send(_response);
                var now = ThreadCpuClock.NowNanoseconds();
                Interlocked.Add(ref _cpuNanoseconds, now - since);
                since = now;
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // The client or Dispose closed the connection.
        }
    }
}
