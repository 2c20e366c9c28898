using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using OrderPipeline.Tracing.Export;

namespace OrderPipeline.Tracing;

/// <summary>
/// Sends segment documents to the X-Ray daemon over UDP: <c>{"format":"json","version":1}\n</c> then the document,
/// one document per datagram. A datagram never exceeds 64,000 bytes: a larger document is rewritten without its
/// metadata, then also without exception stacks, and dropped (and counted) if still too large. Never throws from
/// <see cref="Send"/> or <see cref="Flush"/>: socket errors are reported once through the callback given at
/// construction and the datagram is dropped.
/// </summary>
/// <remarks>
/// Outside an invocation a document is sent at once, one <c>sendto</c> system call each. Between <see cref="Hold"/>
/// (the invocation starts) and <see cref="Flush"/> (it ends, before its outcome is posted) documents are held and
/// sent together at <see cref="Flush"/>, in the order they came, with one <c>sendmmsg(2)</c> system call on Linux
/// (one <c>sendto</c> each elsewhere, or for what <c>sendmmsg</c> did not send): 3.6 µs a datagram in a batch on the
/// measured machine, against about 6 µs for one <c>Socket.SendTo</c> each (docs/performance.md). What is held is bounded
/// (<see cref="DatagramBatch.MaxDatagrams"/> datagrams, <see cref="DatagramBatch.MaxBytes"/> bytes): a document that
/// would pass a bound first sends what is held. <see cref="Dispose"/> sends what is still held. Nothing is ever sent
/// from a thread of the emitter's own: Lambda freezes the environment once the outcome is posted
/// (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html), and a datagram left to a background
/// thread would wait for the next invocation or be lost.
/// </remarks>
public sealed class UdpSegmentEmitter : ISegmentSink, IDisposable
{
    internal const int MaxDatagramBytes = 64_000;

    private static readonly SegmentTrimLevel[] TrimLevels = [SegmentTrimLevel.WithoutMetadata, SegmentTrimLevel.WithoutStacks];

    private readonly Socket? _socket;
    private readonly SocketAddress? _daemonAddress;
    private readonly Action<string> _reportProblem;
    private readonly Lock _gate = new();
    private readonly DatagramBatch _held = new();
    private long _droppedDocuments;
    private long _sendCalls;

    // Guarded by _gate; _holding is also read without it, to send at once outside an invocation without locking.
    private volatile bool _holding;
    private bool _disposed;
    private bool _sendMany;

    // Set by the first document dropped for each reason: each problem is reported once, not once per document.
    private int _sendProblemReported;
    private int _sizeProblemReported;

    /// <summary>Sends to <c>AWS_XRAY_DAEMON_ADDRESS</c> (default <c>127.0.0.1:2000</c>; an unreadable value is reported and the default used).</summary>
    /// <param name="getEnvironmentVariable">Reads an environment variable; null when it is not set.</param>
    /// <param name="reportProblem">Told, once per kind of problem, why documents are dropped. Never the console.</param>
    public UdpSegmentEmitter(Func<string, string?> getEnvironmentVariable, Action<string>? reportProblem = null)
        : this(FindDaemon(getEnvironmentVariable, reportProblem ?? Ignore), reportProblem ?? Ignore, OperatingSystem.IsLinux())
    {
    }

    /// <param name="daemon">Where to send; null drops every document (the daemon's host could not be resolved).</param>
    /// <param name="reportProblem">Told, once per kind of problem, why documents are dropped.</param>
    /// <param name="sendMany">Whether to send what is held with <c>sendmmsg</c>; false sends it one <c>sendto</c> at a time.</param>
    internal UdpSegmentEmitter(IPEndPoint? daemon, Action<string> reportProblem, bool sendMany)
    {
        Daemon = daemon;
        _reportProblem = reportProblem;
        _sendMany = sendMany;
        _socket = daemon is null ? null : new Socket(daemon.AddressFamily, SocketType.Dgram, ProtocolType.Udp);

        // Serialised once: SendTo with an EndPoint serialises it again on every call, and sendmmsg takes the same bytes
        // (the platform's sockaddr). A connected socket would save the address, but once a datagram meets a closed port
        // (a daemon not started yet, or restarted) the next send fails with ConnectionRefused and its datagram is
        // lost: an unconnected socket keeps each datagram independent.
        _daemonAddress = daemon?.Serialize();
    }

    /// <summary>Documents not sent: too large even when trimmed, or lost to a socket error.</summary>
    public long DroppedDocuments => Interlocked.Read(ref _droppedDocuments);

    internal IPEndPoint? Daemon { get; }

    /// <summary>System calls made to send datagrams (<c>sendto</c> or <c>sendmmsg</c>), failed ones included.</summary>
    internal long SendCalls => Interlocked.Read(ref _sendCalls);

    private static ReadOnlySpan<byte> DaemonHeader => "{\"format\":\"json\",\"version\":1}\n"u8;

    public void Send(ReadOnlySpan<byte> document)
    {
        if (DaemonHeader.Length + document.Length <= MaxDatagramBytes)
        {
            Deliver(document);
            return;
        }

        var trimmed = new ArrayBufferWriter<byte>(document.Length);
        foreach (var level in TrimLevels)
        {
            trimmed.ResetWrittenCount();
            try
            {
                SegmentDocumentTrimmer.Trim(document, level, trimmed);
            }
            catch (JsonException)
            {
                break;
            }

            if (DaemonHeader.Length + trimmed.WrittenCount <= MaxDatagramBytes)
            {
                Deliver(trimmed.WrittenSpan);
                return;
            }
        }

        Interlocked.Increment(ref _droppedDocuments);
        if (Interlocked.Exchange(ref _sizeProblemReported, 1) == 0)
        {
            _reportProblem($"X-Ray segment document of {document.Length} bytes dropped: over {MaxDatagramBytes} bytes even without metadata and stacks.");
        }
    }

    /// <summary>
    /// Holds the documents sent from now on until <see cref="Flush"/>, which sends them together; called when an
    /// invocation starts. Held documents are sent earlier only when a bound is reached.
    /// </summary>
    public void Hold()
    {
        lock (_gate)
        {
            _holding = !_disposed && _socket is not null;
        }
    }

    /// <summary>
    /// Sends what is held, in the order it came, and sends the documents that follow at once again; called once per
    /// invocation, before its outcome is posted. Never throws.
    /// </summary>
    public void Flush()
    {
        lock (_gate)
        {
            _holding = false;
            SendHeld();
        }
    }

    /// <summary>Sends what is still held, then closes the socket.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _holding = false;
            SendHeld();
            _disposed = true;
        }

        _socket?.Dispose();
    }

    /// <summary>Holds the document during an invocation, or sends it at once.</summary>
    private void Deliver(ReadOnlySpan<byte> document)
    {
        if (_holding)
        {
            lock (_gate)
            {
                if (_holding)
                {
                    var length = DaemonHeader.Length + document.Length;
                    if (!_held.Fits(length))
                    {
                        SendHeld();
                    }

                    _held.Add(DaemonHeader, document);
                    return;
                }
            }
        }

        SendDatagram(document);
    }

    private void SendDatagram(ReadOnlySpan<byte> document)
    {
        if (_socket is null || _daemonAddress is null)
        {
            Interlocked.Increment(ref _droppedDocuments);
            return;
        }

        var length = DaemonHeader.Length + document.Length;
        var datagram = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            DaemonHeader.CopyTo(datagram);
            document.CopyTo(datagram.AsSpan(DaemonHeader.Length));
            SendTo(datagram.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(datagram);
        }
    }

    /// <summary>Sends what is held (under <see cref="_gate"/>): with <c>sendmmsg</c>, then one <c>sendto</c> for each datagram it did not send.</summary>
    private void SendHeld()
    {
        if (_held.Count == 0)
        {
            return;
        }

        var sent = _sendMany ? SendMany() : 0;
        for (var i = sent; i < _held.Count; i++)
        {
            SendTo(_held[i]);
        }

        _held.Clear();
    }

    /// <summary>
    /// Sends held datagrams with as few <c>sendmmsg</c> calls as it takes (one, unless the kernel stops short); returns
    /// how many were sent. On an error the rest goes by <c>sendto</c>, which reports it; a system or C library without
    /// <c>sendmmsg</c> turns it off for good.
    /// </summary>
    private int SendMany()
    {
        var sent = 0;
        while (sent < _held.Count)
        {
            int result;
            int error;
            try
            {
                Interlocked.Increment(ref _sendCalls);
                result = _held.SendMany(_socket!.SafeHandle, _daemonAddress!, sent, out error);
            }
            catch (Exception exception) when (exception is EntryPointNotFoundException or DllNotFoundException)
            {
                _sendMany = false;
                break;
            }
            catch (ObjectDisposedException)
            {
                break;
            }

            if (result <= 0)
            {
                _sendMany = error != LinuxSockets.NoSuchSystemCall;
                break;
            }

            sent += result;
        }

        return sent;
    }

    private void SendTo(ReadOnlySpan<byte> datagram)
    {
        try
        {
            Interlocked.Increment(ref _sendCalls);
            _socket!.SendTo(datagram, SocketFlags.None, _daemonAddress!);
        }
        catch (SocketException exception)
        {
            Drop($"X-Ray daemon at {Daemon} unreachable ({exception.SocketErrorCode}); segment documents are dropped.");
        }
        catch (ObjectDisposedException)
        {
            Drop("X-Ray segment emitter used after it was disposed; segment documents are dropped.");
        }
    }

    private void Drop(string problem)
    {
        Interlocked.Increment(ref _droppedDocuments);
        if (Interlocked.Exchange(ref _sendProblemReported, 1) == 0)
        {
            _reportProblem(problem);
        }
    }

    private static IPEndPoint? FindDaemon(Func<string, string?> getEnvironmentVariable, Action<string> reportProblem)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        var value = getEnvironmentVariable(DaemonAddress.EnvironmentVariable);
        if (!DaemonAddress.TryParse(value ?? string.Empty, out var host, out var port) && !string.IsNullOrWhiteSpace(value))
        {
            reportProblem($"{DaemonAddress.EnvironmentVariable} '{value}' is neither 'host:port' nor 'tcp:host:port udp:host:port'; using {host}:{port}.");
        }

        try
        {
            return DaemonAddress.Resolve(host, port);
        }
        catch (SocketException exception)
        {
            reportProblem($"X-Ray daemon host '{host}' cannot be resolved ({exception.SocketErrorCode}); segment documents are dropped.");
            return null;
        }
    }

    private static void Ignore(string problem)
    {
    }
}
