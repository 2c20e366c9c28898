using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OtelSdkProbe;

/// <summary>
/// A minimal OTLP/HTTP receiver on loopback: reads each request (Content-Length or chunked body), answers
/// <c>200</c> with an empty <c>ExportTraceServiceResponse</c> (an empty protobuf message is zero bytes), keeps the
/// connection alive. It does not decode the spans: the probe measures the sender, not the receiver.
/// </summary>
internal sealed class OtlpHttpSink : IDisposable
{
    private static readonly byte[] Ok = Encoding.ASCII.GetBytes(
        "HTTP/1.1 200 OK\r\nContent-Type: application/x-protobuf\r\nContent-Length: 0\r\n\r\n");

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private long _requests;
    private long _bodyBytes;

    public OtlpHttpSink()
    {
        _listener.Start();
        var thread = new Thread(AcceptLoop) { IsBackground = true, Name = "otlp-sink" };
        thread.Start();
    }

    public Uri TracesEndpoint => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v1/traces");

    public long Requests => Interlocked.Read(ref _requests);

    public long BodyBytes => Interlocked.Read(ref _bodyBytes);

    public void Dispose() => _listener.Stop();

    private void AcceptLoop()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = _listener.AcceptSocket();
            }
            catch (SocketException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            var thread = new Thread(() => Serve(socket)) { IsBackground = true, Name = "otlp-sink-connection" };
            thread.Start();
        }
    }

    private void Serve(Socket socket)
    {
        using var stream = new NetworkStream(socket, ownsSocket: true);
        var reader = new HttpRequestReader(stream);
        try
        {
            while (reader.TryReadRequest(out var bodyLength))
            {
                Interlocked.Increment(ref _requests);
                Interlocked.Add(ref _bodyBytes, bodyLength);
                stream.Write(Ok);
            }
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Reads HTTP/1.1 requests off a stream: the head up to the blank line, then the body it announces.</summary>
internal sealed class HttpRequestReader(Stream stream)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    /// <summary>False when the peer closed the connection between requests.</summary>
    public bool TryReadRequest(out long bodyLength)
    {
        bodyLength = 0;
        var head = ReadLine();
        if (head is null)
        {
            return false;
        }

        long contentLength = 0;
        var chunked = false;
        for (var line = ReadLine(); !string.IsNullOrEmpty(line); line = ReadLine())
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                contentLength = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
                && value.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                chunked = true;
            }
        }

        if (!chunked)
        {
            Skip(contentLength);
            bodyLength = contentLength;
            return true;
        }

        while (true)
        {
            var sizeLine = ReadLine() ?? throw new IOException("connection closed inside a chunked body");
            var semicolon = sizeLine.IndexOf(';', StringComparison.Ordinal);
            var size = long.Parse(semicolon < 0 ? sizeLine : sizeLine[..semicolon], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
            if (size == 0)
            {
                while (!string.IsNullOrEmpty(ReadLine()))
                {
                }

                return true;
            }

            Skip(size);
            bodyLength += size;
            _ = ReadLine();
        }
    }

    private string? ReadLine()
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var line = Encoding.ASCII.GetString(_buffer, _start, newline - _start).TrimEnd('\r');
                _start = newline + 1;
                return line;
            }

            if (!Fill())
            {
                return null;
            }
        }
    }

    private void Skip(long count)
    {
        while (count > 0)
        {
            if (_start == _end && !Fill())
            {
                throw new IOException("connection closed inside a body");
            }

            var take = (int)Math.Min(count, _end - _start);
            _start += take;
            count -= take;
        }
    }

    private bool Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            throw new IOException("request line or header longer than the buffer");
        }

        var read = stream.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        return read > 0;
    }
}

/// <summary>A TCP port that accepts connections and never reads or answers: a collector that hangs.</summary>
internal sealed class BlackHole : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _held = [];

    public BlackHole()
    {
        _listener.Start();
        var thread = new Thread(() =>
        {
            try
            {
                while (true)
                {
                    var socket = _listener.AcceptSocket();
                    lock (_held)
                    {
                        _held.Add(socket);
                    }
                }
            }
            catch (SocketException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        })
        { IsBackground = true, Name = "black-hole" };
        thread.Start();
    }

    public Uri TracesEndpoint => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v1/traces");

    public void Dispose()
    {
        _listener.Stop();
        lock (_held)
        {
            foreach (var socket in _held)
            {
                socket.Dispose();
            }
        }
    }
}

/// <summary>Receives and drops UDP datagrams on loopback: the X-Ray daemon's place in the start-up runs.</summary>
internal sealed class UdpSink : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private long _datagrams;

    public UdpSink()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var thread = new Thread(() =>
        {
            var buffer = new byte[65536];
            try
            {
                while (true)
                {
                    _socket.Receive(buffer);
                    Interlocked.Increment(ref _datagrams);
                }
            }
            catch (SocketException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        })
        { IsBackground = true, Name = "udp-sink" };
        thread.Start();
    }

    public string Address => $"127.0.0.1:{((IPEndPoint)_socket.LocalEndPoint!).Port}";

    public long Datagrams => Interlocked.Read(ref _datagrams);

    public void Dispose() => _socket.Dispose();
}
