using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OrderPipeline.TestHelpers.Http;

/// <summary>What a <see cref="StubHttpEndpoint"/> does with each request it has read.</summary>
public enum StubBehaviour
{
    /// <summary>Never answers, and keeps the connection open: the client's time-out decides.</summary>
    Hang,

    /// <summary>Closes the connection without a byte of answer: the request was received, the response never comes.</summary>
    Close,

    /// <summary>Writes <see cref="StubHttpEndpoint"/>'s canned response.</summary>
    Answer,
}

/// <summary>
/// A raw HTTP/1.1 endpoint on loopback that misbehaves on purpose, for the failures a real service can cause and a
/// well-behaved fake cannot: a request that is never answered, a connection closed after the request was written, an
/// answer the client cannot trust. It counts the requests it has read. One connection per request (it answers with
/// <c>Connection: close</c>).
/// </summary>
public sealed class StubHttpEndpoint : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;
    private readonly StubBehaviour _behaviour;
    private readonly byte[] _response;
    private int _requests;

    private StubHttpEndpoint(StubBehaviour behaviour, byte[] response)
    {
        _behaviour = behaviour;
        _response = response;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        ServiceUrl = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _accepting = AcceptAsync();
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>, without a trailing slash.</summary>
    public string ServiceUrl { get; }

    /// <summary>How many requests (their headers at least) were read so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static StubHttpEndpoint Hanging() => new(StubBehaviour.Hang, []);

    public static StubHttpEndpoint Closing() => new(StubBehaviour.Close, []);

    /// <summary>Answers every request with <paramref name="status"/> and <paramref name="body"/>.</summary>
    public static StubHttpEndpoint Answering(int status, string contentType, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = $"HTTP/1.1 {status} Status\r\nContent-Type: {contentType}\r\nx-amzn-RequestId: stub-request\r\n"
            + $"Content-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
        return new StubHttpEndpoint(StubBehaviour.Answer, [.. Encoding.ASCII.GetBytes(head), .. bytes]);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                await ReadRequestAsync(stream);
                Interlocked.Increment(ref _requests);
                switch (_behaviour)
                {
                    case StubBehaviour.Hang:
                        await Task.Delay(Timeout.Infinite, _stopping.Token);
                        break;
                    case StubBehaviour.Answer:
                        await stream.WriteAsync(_response, _stopping.Token);
                        break;
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException)
            {
            }
        }
    }

    /// <summary>Reads the head and the Content-Length bytes of the body.</summary>
    private async Task ReadRequestAsync(NetworkStream stream)
    {
        var received = new List<byte>(4096);
        var buffer = new byte[4096];
        int headEnd;
        while ((headEnd = IndexOfHeadEnd(received)) < 0)
        {
            var read = await stream.ReadAsync(buffer, _stopping.Token);
            if (read == 0)
            {
                throw new IOException("The client closed the connection before the request's head ended.");
            }

            received.AddRange(buffer.AsSpan(0, read));
        }

        var head = Encoding.ASCII.GetString([.. received[..headEnd]]);
        var length = head.Split("\r\n")
            .Where(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(line => int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        var bodyRead = received.Count - (headEnd + 4);
        while (bodyRead < length)
        {
            var read = await stream.ReadAsync(buffer, _stopping.Token);
            if (read == 0)
            {
                throw new IOException("The client closed the connection before the request's body ended.");
            }

            bodyRead += read;
        }
    }

    private static int IndexOfHeadEnd(List<byte> bytes)
    {
        for (var i = 0; i + 3 < bytes.Count; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}
