using System.Net;
using System.Net.Sockets;
using System.Text;
using OrderPipeline.TestHelpers.XRay;

namespace OrderPipeline.Tracing.Tests;

public sealed class UdpSegmentEmitterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Send_Document_DaemonReceivesHeaderLineThenTheDocument()
    {
        await using var daemon = XRayDaemon.Start();
        using var emitter = new UdpSegmentEmitter(Environment(daemon.Address));
        var document = """{"name":"SubmitOrder","id":"53995c3f42cd8ad8"}"""u8.ToArray();

        emitter.Send(document);

        var segment = Assert.Single(await daemon.WaitForSegmentsAsync(1, Patience));
        Assert.Equal(CapturedSegment.ExpectedHeader, segment.Header);
        Assert.Equal(document, segment.DocumentBytes);
        Assert.Equal("SubmitOrder", segment.GetString("name"));
        Assert.Equal(0, emitter.DroppedDocuments);
    }

    [Theory]
    [InlineData("tcp:127.0.0.1:2000 udp:127.0.0.1:{0}")]
    [InlineData("udp:127.0.0.1:{0} tcp:127.0.0.1:2000")]
    public async Task Send_TcpAndUdpForm_SendsToTheUdpAddress(string format)
    {
        await using var daemon = XRayDaemon.Start();
        using var emitter = new UdpSegmentEmitter(Environment(string.Format(null, format, daemon.EndPoint.Port)));

        emitter.Send("""{"name":"x"}"""u8);

        var segment = Assert.Single(await daemon.WaitForSegmentsAsync(1, Patience));
        Assert.Equal("x", segment.GetString("name"));
    }

    [Fact]
    public void Constructor_NoAddress_UsesTheDefaultDaemon()
    {
        using var emitter = new UdpSegmentEmitter(_ => null);

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 2000), emitter.Daemon);
    }

    [Fact]
    public void Constructor_UnreadableAddress_ReportsItAndUsesTheDefault()
    {
        var problems = new List<string>();

        using var emitter = new UdpSegmentEmitter(Environment("not an address"), problems.Add);

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 2000), emitter.Daemon);
        Assert.Single(problems);
    }

    [Fact]
    public async Task Send_TooLargeWithMetadata_SendsItWithoutMetadata()
    {
        await using var daemon = XRayDaemon.Start();
        using var emitter = new UdpSegmentEmitter(Environment(daemon.Address));

        emitter.Send(Padded("""{"name":"big","metadata":{"default":{"blob":"PAD"}}}""", 70_000));

        var segment = Assert.Single(await daemon.WaitForSegmentsAsync(1, Patience));
        Assert.Equal("""{"name":"big"}""", Encoding.UTF8.GetString(segment.DocumentBytes));
        Assert.Equal(0, emitter.DroppedDocuments);
    }

    [Fact]
    public async Task Send_TooLargeWithStacks_SendsItWithoutStacks()
    {
        await using var daemon = XRayDaemon.Start();
        using var emitter = new UdpSegmentEmitter(Environment(daemon.Address));
        var frames = string.Join(',', Enumerable.Repeat($$"""{"label":"{{new string('f', 3000)}}"}""", 30));

        emitter.Send(Encoding.UTF8.GetBytes("""{"name":"deep","cause":{"exceptions":[{"id":"a","message":"m","stack":[""" + frames + """],"truncated":5}]}}"""));

        var segment = Assert.Single(await daemon.WaitForSegmentsAsync(1, Patience));
        Assert.Equal("""{"name":"deep","cause":{"exceptions":[{"id":"a","message":"m"}]}}""", Encoding.UTF8.GetString(segment.DocumentBytes));
    }

    [Fact]
    public async Task Send_TooLargeEvenTrimmed_DropsCountsAndReportsOnce()
    {
        await using var daemon = XRayDaemon.Start();
        var problems = new List<string>();
        using var emitter = new UdpSegmentEmitter(Environment(daemon.Address), problems.Add);
        var huge = Padded("""{"name":"huge","annotations":{"a":"PAD"}}""", 64_000);

        emitter.Send(huge);
        emitter.Send(huge);
        emitter.Send("""{"name":"after"}"""u8);

        var segment = Assert.Single(await daemon.WaitForSegmentsAsync(1, Patience));
        Assert.Equal("after", segment.GetString("name"));
        Assert.Equal(2, emitter.DroppedDocuments);
        Assert.Single(problems);
    }

    [Fact]
    public async Task Send_LargestDocumentThatFits_IsSentWhole()
    {
        await using var daemon = XRayDaemon.Start();
        using var emitter = new UdpSegmentEmitter(Environment(daemon.Address));
        var envelope = """{"name":"edge","metadata":{"default":{"m":"PAD"}}}""".Length - "PAD".Length;
        var header = CapturedSegment.ExpectedHeader.Length + 1;
        var document = Padded("""{"name":"edge","metadata":{"default":{"m":"PAD"}}}""", 64_000 - header - envelope);

        emitter.Send(document);

        var segment = Assert.Single(await daemon.WaitForSegmentsAsync(1, Patience));
        Assert.Equal(64_000, segment.Datagram.Length);
        Assert.Equal(document, segment.DocumentBytes);
    }

    [Fact]
    public void Send_ClosedPort_NeverThrows()
    {
        int port;
        using (var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
        {
            port = ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
        }

        using var emitter = new UdpSegmentEmitter(Environment($"127.0.0.1:{port}"));

        for (var i = 0; i < 5; i++)
        {
            emitter.Send("""{"name":"lost"}"""u8);
        }

        Assert.InRange(emitter.DroppedDocuments, 0, 5);
    }

    [Fact]
    public void Send_AfterDispose_DropsAndReportsOnce()
    {
        var problems = new List<string>();
        var emitter = new UdpSegmentEmitter(Environment("127.0.0.1:2000"), problems.Add);
        emitter.Dispose();

        emitter.Send("""{"name":"late"}"""u8);
        emitter.Send("""{"name":"late"}"""u8);

        Assert.Equal(2, emitter.DroppedDocuments);
        Assert.Single(problems);
    }

    private static byte[] Padded(string template, int length) =>
        Encoding.UTF8.GetBytes(template.Replace("PAD", new string('x', length), StringComparison.Ordinal));

    private static Func<string, string?> Environment(string address) =>
        name => name == "AWS_XRAY_DAEMON_ADDRESS" ? address : null;
}
