using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace OrderPipeline.Local.Cli.Bench.Sqs;

/// <summary>
/// Reads HTTP/1.1 messages off a blocking socket, as cheaply as possible: the head up to the blank line, then a
/// <c>Content-Length</c> body (chunked bodies are not supported: neither side of the SQS bench sends them).
/// </summary>
internal sealed class RawHttpReader(Socket socket)
{
    private const string ContentLengthHeader = "content-length:";
    private const string ExpectContinueHeader = "expect: 100-continue";
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();

    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    /// <summary>The first line of the message last read, such as <c>HTTP/1.1 200 OK</c>.</summary>
    public string StartLine { get; private set; } = "";

    /// <summary>Reads one message; false when the peer closed the connection before one began.</summary>
    /// <param name="onContinue">Called before the body is read when the head asks for <c>100 Continue</c>.</param>
    public bool TryReadMessage(Action? onContinue = null)
    {
        int headLength;
        while ((headLength = _buffer.AsSpan(_start, _end - _start).IndexOf(HeadEnd)) < 0)
        {
            if (!Fill())
            {
                return false;
            }
        }

        var head = Encoding.ASCII.GetString(_buffer, _start, headLength);
        _start += headLength + HeadEnd.Length;
        var lineEnd = head.IndexOf("\r\n", StringComparison.Ordinal);
        StartLine = lineEnd < 0 ? head : head[..lineEnd];
        if (onContinue is not null && head.Contains(ExpectContinueHeader, StringComparison.OrdinalIgnoreCase))
        {
            onContinue();
        }

        var remaining = ContentLength(head);
        while (remaining > 0)
        {
            if (_start == _end && !Fill())
            {
                throw new IOException("The connection closed inside a message body.");
            }

            var taken = Math.Min(remaining, _end - _start);
            _start += taken;
            remaining -= taken;
        }

        return true;
    }

    /// <summary>The <c>Content-Length</c> of a message head; 0 when it has none.</summary>
    public static int ContentLength(string head)
    {
        ArgumentNullException.ThrowIfNull(head);
        foreach (var line in head.Split("\r\n"))
        {
            if (line.StartsWith(ContentLengthHeader, StringComparison.OrdinalIgnoreCase))
            {
                return int.Parse(line.AsSpan(ContentLengthHeader.Length).Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private bool Fill()
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _buffer.Length)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        var read = socket.Receive(_buffer, _end, _buffer.Length - _end, SocketFlags.None);
        _end += read;
        return read > 0;
    }
}
