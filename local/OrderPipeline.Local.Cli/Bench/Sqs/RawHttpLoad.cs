using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OrderPipeline.Local.Cli.Bench.Sqs;

/// <summary>
/// A minimal HTTP/1.1 client: <c>concurrency</c> threads, each with one keep-alive connection and blocking I/O, send
/// one pre-built request over and over and read each answer's head and body. Each thread measures its own CPU time,
/// so what the client spent is known exactly and can be taken out of the process' total.
/// </summary>
internal static class RawHttpLoad
{
    private const string SuccessLine = "HTTP/1.1 200 ";

    /// <summary>Sends <paramref name="request"/> <paramref name="count"/> times to 127.0.0.1:<paramref name="port"/>.</summary>
    /// <returns>The wall time, and the CPU the client threads used.</returns>
    public static (TimeSpan Elapsed, TimeSpan ClientCpu) Run(int port, byte[] request, int count, int concurrency)
    {
        ArgumentNullException.ThrowIfNull(request);
        var remaining = count;
        var cpuNanoseconds = 0L;
        var failures = new List<Exception>();
        var threads = new List<Thread>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < concurrency; i++)
        {
            var thread = new Thread(() =>
            {
                var started = ThreadCpuClock.NowNanoseconds();
                try
                {
                    using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
                    var reader = new RawHttpReader(socket);
                    while (Interlocked.Decrement(ref remaining) >= 0)
                    {
                        socket.Send(request);
                        if (!reader.TryReadMessage())
                        {
                            throw new IOException("The server closed the connection.");
                        }

                        if (!reader.StartLine.StartsWith(SuccessLine, StringComparison.Ordinal))
                        {
                            throw new IOException($"The server answered {reader.StartLine}.");
                        }
                    }
                }
                catch (Exception ex) when (ex is IOException or SocketException)
                {
                    lock (failures)
                    {
                        failures.Add(ex);
                    }
                }
                finally
                {
                    Interlocked.Add(ref cpuNanoseconds, ThreadCpuClock.NowNanoseconds() - started);
                }
            }) { IsBackground = true, Name = "bench raw client" };
            threads.Add(thread);
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("The raw HTTP load failed.", failures);
        }

        return (clock.Elapsed, TimeSpan.FromTicks(cpuNanoseconds / 100));
    }
}
