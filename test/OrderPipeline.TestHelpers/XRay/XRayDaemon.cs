using System.Net;
using System.Net.Sockets;

namespace OrderPipeline.TestHelpers.XRay;

/// <summary>
/// A fake X-Ray daemon: a UDP socket on 127.0.0.1 (a free port) that captures every datagram, splits the
/// <c>{"format":"json","version":1}</c> header line from the document and parses the document. Point an emitter
/// at it with <c>AWS_XRAY_DAEMON_ADDRESS</c> = <see cref="Address"/>.
/// </summary>
public sealed class XRayDaemon : IAsyncDisposable
{
    private readonly UdpClient _socket;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<CapturedSegment> _segments = [];
    private readonly Lock _gate = new();
    private readonly Task _receiving;
    private TaskCompletionSource _arrived = NewSignal();

    private XRayDaemon(UdpClient socket)
    {
        _socket = socket;
        EndPoint = (IPEndPoint)socket.Client.LocalEndPoint!;
        _receiving = ReceiveAllAsync(_stopping.Token);
    }

    public IPEndPoint EndPoint { get; }

    /// <summary><c>127.0.0.1:&lt;port&gt;</c>, the <c>host:port</c> form of <c>AWS_XRAY_DAEMON_ADDRESS</c>.</summary>
    public string Address => $"127.0.0.1:{EndPoint.Port}";

    /// <summary>Every datagram received so far, in arrival order.</summary>
    public IReadOnlyList<CapturedSegment> Segments
    {
        get
        {
            lock (_gate)
            {
                return [.. _segments];
            }
        }
    }

    public static XRayDaemon Start() => new(new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)));

    /// <summary>Waits until at least <paramref name="count"/> datagrams arrived; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public Task<IReadOnlyList<CapturedSegment>> WaitForSegmentsAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitAsync(segments => segments.Count >= count, $"{count} X-Ray datagrams", timeout, cancellationToken);

    /// <summary>
    /// Waits for the first datagram that <paramref name="match"/> accepts, whatever else arrives first: a listener is
    /// process-wide, so the AWS SDK calls of tests running in parallel may reach this daemon too.
    /// </summary>
    public async Task<CapturedSegment> WaitForSegmentAsync(Func<CapturedSegment, bool> match, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var segments = await WaitAsync(segments => segments.Any(match), "a matching X-Ray datagram", timeout, cancellationToken).ConfigureAwait(false);
        return segments.First(match);
    }

    private async Task<IReadOnlyList<CapturedSegment>> WaitAsync(
        Func<List<CapturedSegment>, bool> done, string expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                if (done(_segments))
                {
                    return [.. _segments];
                }

                arrived = _arrived.Task;
            }

            try
            {
                await arrived.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Expected {expected} within {timeout}; received {Segments.Count}.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        try
        {
            await _receiving.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _stopping.Dispose();
    }

    private async Task ReceiveAllAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var datagram = await _socket.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            var segment = CapturedSegment.Parse(datagram.Buffer);
            TaskCompletionSource arrived;
            lock (_gate)
            {
                _segments.Add(segment);
                arrived = _arrived;
                _arrived = NewSignal();
            }

            arrived.TrySetResult();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
