using System.Net;
using System.Net.Sockets;
using System.Text;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrderPipeline.Local.Otlp.Proto;

namespace OrderPipeline.Tracing.Tests.Support;

/// <summary>
/// Reads what an OTLP exporter sent with the classes protoc generated from the OTLP .proto files: the writer under
/// test is never used to check itself.
/// </summary>
internal static class Otlp
{
    /// <summary>The X-Ray daemon's header line that starts every datagram.</summary>
    public const string DaemonHeader = "{\"format\":\"json\",\"version\":1}\n";

    /// <summary>Splits a daemon datagram: the header line, then <c>T1S</c>/<c>T1U</c>, then base64 protobuf.</summary>
    public static (bool Sampled, ExportTraceServiceRequest Request) ParseDatagram(byte[] datagram)
    {
        var text = Encoding.ASCII.GetString(datagram);
        Assert.StartsWith(DaemonHeader, text, StringComparison.Ordinal);
        var payload = text[DaemonHeader.Length..];
        var prefix = payload[..3];
        Assert.True(prefix is "T1S" or "T1U", $"The payload starts with '{prefix}', neither T1S nor T1U.");
        return (prefix == "T1S", ExportTraceServiceRequest.Parser.ParseFrom(Convert.FromBase64String(payload[3..])));
    }

    public static IEnumerable<Span> Spans(this ExportTraceServiceRequest request) =>
        request.ResourceSpans.SelectMany(r => r.ScopeSpans).SelectMany(s => s.Spans);

    public static IEnumerable<Span> Spans(this IEnumerable<ExportTraceServiceRequest> requests) => requests.SelectMany(Spans);

    public static string Hex(this ByteString bytes) => Convert.ToHexStringLower(bytes.Span);

    public static AnyValue? Attribute(this IEnumerable<KeyValue> attributes, string key) =>
        attributes.SingleOrDefault(a => a.Key == key)?.Value;

    public static string? StringAttribute(this IEnumerable<KeyValue> attributes, string key) =>
        attributes.Attribute(key) is { ValueCase: AnyValue.ValueOneofCase.StringValue } value ? value.StringValue : null;

    /// <summary>Waits until <paramref name="ready"/> holds; fails the test after 10 seconds.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<T> read, Func<T, bool> ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var value = read();
            if (ready(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "What the exporter sent did not arrive within 10 seconds.");
            await Task.Delay(10);
        }
    }
}

/// <summary>A UDP socket on loopback standing in for the X-Ray daemon: keeps every datagram as received.</summary>
internal sealed class OtlpUdpDaemon : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly List<byte[]> _datagrams = [];
    private readonly Lock _gate = new();
    private readonly Thread _receiving;

    public OtlpUdpDaemon()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _socket.ReceiveBufferSize = 4 * 1024 * 1024;
        Address = $"127.0.0.1:{((IPEndPoint)_socket.LocalEndPoint!).Port}";
        _receiving = new Thread(Receive) { IsBackground = true };
        _receiving.Start();
    }

    /// <summary>The value of <c>AWS_XRAY_DAEMON_ADDRESS</c> that points an exporter here.</summary>
    public string Address { get; }

    public IReadOnlyList<byte[]> Datagrams
    {
        get
        {
            lock (_gate)
            {
                return [.. _datagrams];
            }
        }
    }

    /// <summary>The requests received so far that hold a span of <paramref name="traceIdHex"/> (other tests' AWS calls may arrive too).</summary>
    public IReadOnlyList<(bool Sampled, ExportTraceServiceRequest Request, int Bytes)> RequestsOf(string traceIdHex) =>
        [.. Datagrams.Select(d => (Parsed: Otlp.ParseDatagram(d), Bytes: d.Length))
            .Where(d => d.Parsed.Request.Spans().Any(s => s.TraceId.Hex() == traceIdHex))
            .Select(d => (d.Parsed.Sampled, d.Parsed.Request, d.Bytes))];

    public void Dispose()
    {
        _socket.Dispose();
        _receiving.Join();
    }

    private void Receive()
    {
        var buffer = new byte[65_536];
        try
        {
            while (true)
            {
                var length = _socket.Receive(buffer);
                lock (_gate)
                {
                    _datagrams.Add(buffer[..length]);
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }
}

/// <summary>
/// An OTLP/HTTP collector on loopback (Kestrel): keeps each POST's path, content type, headers and body, and answers
/// <see cref="Status"/>.
/// </summary>
internal sealed class OtlpHttpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<Received> _requests = [];
    private readonly Lock _gate = new();

    private OtlpHttpCollector(WebApplication app)
    {
        _app = app;
        _app.MapPost("/{**path}", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            var received = new Received(
                http.Request.Path.Value ?? string.Empty,
                http.Request.ContentType,
                http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body.ToArray());
            lock (_gate)
            {
                _requests.Add(received);
            }

            OnReceived?.Invoke(received);
            http.Response.StatusCode = Status;
        });
    }

    /// <summary>The base URL, <c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
    public string Url { get; private set; } = string.Empty;

    public int Status { get; set; } = 200;

    /// <summary>Runs on the collector's thread as each request arrives, before it is answered.</summary>
    public Action<Received>? OnReceived { get; set; }

    public IReadOnlyList<Received> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<OtlpHttpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var collector = new OtlpHttpCollector(builder.Build());
        await collector._app.StartAsync();
        var address = collector._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        collector.Url = address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);
        return collector;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal sealed record Received(string Path, string? ContentType, IReadOnlyDictionary<string, string> Headers, byte[] Body)
    {
        public ExportTraceServiceRequest Request => ExportTraceServiceRequest.Parser.ParseFrom(Body);
    }
}
