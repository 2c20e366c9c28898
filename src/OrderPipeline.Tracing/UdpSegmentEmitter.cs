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
/// <see cref="Send"/>: socket errors are reported once through the callback given at construction and the
/// datagram is dropped.
/// </summary>
public sealed class UdpSegmentEmitter : ISegmentSink, IDisposable
{
    internal const int MaxDatagramBytes = 64_000;

    private static readonly SegmentTrimLevel[] TrimLevels = [SegmentTrimLevel.WithoutMetadata, SegmentTrimLevel.WithoutStacks];

    private readonly Socket? _socket;
    private readonly SocketAddress? _daemonAddress;
    private readonly Action<string> _reportProblem;
    private long _droppedDocuments;

    // Set by the first document dropped for each reason: each problem is reported once, not once per document.
    private int _sendProblemReported;
    private int _sizeProblemReported;

    /// <summary>Sends to <c>AWS_XRAY_DAEMON_ADDRESS</c> (default <c>127.0.0.1:2000</c>; an unreadable value is reported and the default used).</summary>
    /// <param name="getEnvironmentVariable">Reads an environment variable; null when it is not set.</param>
    /// <param name="reportProblem">Told, once per kind of problem, why documents are dropped. Never the console.</param>
    public UdpSegmentEmitter(Func<string, string?> getEnvironmentVariable, Action<string>? reportProblem = null)
        : this(FindDaemon(getEnvironmentVariable, reportProblem ?? Ignore), reportProblem ?? Ignore)
    {
    }

    /// <param name="daemon">Where to send; null drops every document (the daemon's host could not be resolved).</param>
    /// <param name="reportProblem">Told, once per kind of problem, why documents are dropped.</param>
    internal UdpSegmentEmitter(IPEndPoint? daemon, Action<string> reportProblem)
    {
        Daemon = daemon;
        _reportProblem = reportProblem;
        _socket = daemon is null ? null : new Socket(daemon.AddressFamily, SocketType.Dgram, ProtocolType.Udp);

        // Serialised once: SendTo with an EndPoint serialises it again on every call. A connected socket's Send would
        // save that too, but once a datagram meets a closed port (a daemon not started yet, or restarted) the next
        // Send fails with ConnectionRefused and its datagram is lost: SendTo keeps each datagram independent.
        // Datagrams are sent on the caller's thread, never queued for a background one: Lambda freezes the
        // environment once the response is posted, and a queued datagram would wait for the next invocation or be lost.
        _daemonAddress = daemon?.Serialize();
    }

    /// <summary>Documents not sent: too large even when trimmed, or lost to a socket error.</summary>
    public long DroppedDocuments => Interlocked.Read(ref _droppedDocuments);

    internal IPEndPoint? Daemon { get; }

    private static ReadOnlySpan<byte> DaemonHeader => "{\"format\":\"json\",\"version\":1}\n"u8;

    public void Send(ReadOnlySpan<byte> document)
    {
        if (DaemonHeader.Length + document.Length <= MaxDatagramBytes)
        {
            SendDatagram(document);
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
                SendDatagram(trimmed.WrittenSpan);
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
    /// Sends what is waiting to be sent; called once per invocation, before its outcome is posted. Every document is
    /// sent by <see cref="Send"/> itself today, so nothing waits here.
    /// </summary>
#pragma warning disable CA1822 // An instance member: the emitter will hold what waits to be sent.
    public void Flush()
#pragma warning restore CA1822
    {
    }

    public void Dispose() => _socket?.Dispose();

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
            _socket.SendTo(datagram.AsSpan(0, length), SocketFlags.None, _daemonAddress);
        }
        catch (SocketException exception)
        {
            Drop($"X-Ray daemon at {Daemon} unreachable ({exception.SocketErrorCode}); segment documents are dropped.");
        }
        catch (ObjectDisposedException)
        {
            Drop("X-Ray segment emitter used after it was disposed; segment documents are dropped.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(datagram);
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
