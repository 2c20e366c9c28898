using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OrderPipeline.Tracing;

/// <summary>Reads <c>AWS_XRAY_DAEMON_ADDRESS</c>: <c>host:port</c>, or <c>tcp:host:port udp:host:port</c> in either order.</summary>
internal static class DaemonAddress
{
    public const string EnvironmentVariable = "AWS_XRAY_DAEMON_ADDRESS";
    public const string DefaultHost = "127.0.0.1";
    public const int DefaultPort = 2000;

    private const string UdpPrefix = "udp:";
    private const string TcpPrefix = "tcp:";

    /// <summary>The UDP host and port; false when the value has neither form. Never throws.</summary>
    public static bool TryParse(string value, out string host, out int port)
    {
        host = DefaultHost;
        port = DefaultPort;
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts switch
        {
            [var single] when !single.StartsWith(UdpPrefix, StringComparison.Ordinal)
                && !single.StartsWith(TcpPrefix, StringComparison.Ordinal) => TrySplit(single, out host, out port),
            [var first, var second] when first.StartsWith(UdpPrefix, StringComparison.Ordinal)
                && second.StartsWith(TcpPrefix, StringComparison.Ordinal)
                && TrySplit(second[TcpPrefix.Length..], out _, out _) =>
                TrySplit(first[UdpPrefix.Length..], out host, out port),
            [var first, var second] when first.StartsWith(TcpPrefix, StringComparison.Ordinal)
                && second.StartsWith(UdpPrefix, StringComparison.Ordinal)
                && TrySplit(first[TcpPrefix.Length..], out _, out _) =>
                TrySplit(second[UdpPrefix.Length..], out host, out port),
            _ => false,
        };
    }

    /// <summary>The endpoint for an IP literal or a host name (resolved now, IPv4 first).</summary>
    /// <exception cref="SocketException">The host name cannot be resolved.</exception>
    public static IPEndPoint Resolve(string host, int port)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return new IPEndPoint(address, port);
        }

        var addresses = Dns.GetHostAddresses(host);
        var chosen = Array.Find(addresses, a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new SocketException((int)SocketError.HostNotFound);
        return new IPEndPoint(chosen, port);
    }

    private static bool TrySplit(string value, out string host, out int port)
    {
        host = DefaultHost;
        port = DefaultPort;
        var colon = value.LastIndexOf(':');
        if (colon <= 0
            || !int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            || parsed is < IPEndPoint.MinPort + 1 or > IPEndPoint.MaxPort)
        {
            return false;
        }

        host = value[..colon].Trim('[', ']');
        port = parsed;
        return host.Length > 0;
    }
}
