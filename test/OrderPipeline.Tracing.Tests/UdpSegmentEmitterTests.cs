using System.Net;
using System.Net.Sockets;
using System.Text;
using OrderPipeline.TestHelpers.XRay;
using OrderPipeline.Tracing.Export;

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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Flush_DocumentsHeldSinceHold_SendsNothingBeforeThenEachAsOneDatagramInOrder(bool sendMany)
    {
        await using var daemon = XRayDaemon.Start();
        using var emitter = new UdpSegmentEmitter(daemon.EndPoint, _ => { }, sendMany);
        var documents = Enumerable.Range(0, 5).Select(i => Encoding.UTF8.GetBytes($$"""{"name":"held-{{i}}"}""")).ToList();

        emitter.Hold();
        documents.ForEach(document => emitter.Send(document));
        var callsBeforeFlush = emitter.SendCalls;
        emitter.Flush();

        Assert.Equal(0, callsBeforeFlush);
        var segments = await daemon.WaitForSegmentsAsync(5, Patience);
        Assert.Equal(documents.Select(Datagram), segments.Select(s => s.Datagram));
        Assert.Equal(0, emitter.DroppedDocuments);
    }

    [Fact]
    public async Task Flush_HeldDocuments_OneSystemCallOnLinuxOneEachElsewhere()
    {
        await using var daemon = XRayDaemon.Start();
        using var emitter = new UdpSegmentEmitter(Environment(daemon.Address));

        emitter.Hold();
        for (var i = 0; i < 20; i++)
        {
            emitter.Send("""{"name":"batched"}"""u8);
        }

        emitter.Flush();

        Assert.Equal(OperatingSystem.IsLinux() ? 1 : 20, emitter.SendCalls);
        Assert.Equal(20, (await daemon.WaitForSegmentsAsync(20, Patience)).Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task HoldSendFlush_OnceWarm_AllocatesNothing(bool sendMany)
    {
        await using var daemon = XRayDaemon.Start();
        using var emitter = new UdpSegmentEmitter(daemon.EndPoint, _ => { }, sendMany);
        var document = """{"name":"steady","metadata":{"default":{"k":"v"}}}"""u8.ToArray();
        SendBatch(emitter, document);

        var before = GC.GetAllocatedBytesForCurrentThread();
        SendBatch(emitter, document);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(40, (await daemon.WaitForSegmentsAsync(40, Patience)).Count);

        static void SendBatch(UdpSegmentEmitter emitter, byte[] document)
        {
            emitter.Hold();
            for (var i = 0; i < 20; i++)
            {
                emitter.Send(document);
            }

            emitter.Flush();
        }
    }

    [Fact]
    public async Task Send_AfterFlush_IsSentAtOnceAgain()
    {
        await using var daemon = XRayDaemon.Start();
        using var emitter = new UdpSegmentEmitter(daemon.EndPoint, _ => { }, sendMany: true);
        emitter.Hold();
        emitter.Flush();

        emitter.Send("""{"name":"after"}"""u8);

        Assert.Equal(1, emitter.SendCalls);
        Assert.Equal("after", Assert.Single(await daemon.WaitForSegmentsAsync(1, Patience)).GetString("name"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Send_HeldDatagramsAtTheCountBound_SendsThemBeforeHoldingTheNext(bool sendMany)
    {
        await using var daemon = XRayDaemon.Start();
        using var emitter = new UdpSegmentEmitter(daemon.EndPoint, _ => { }, sendMany);
        var documents = Enumerable.Range(0, DatagramBatch.MaxDatagrams + 1)
            .Select(i => Encoding.UTF8.GetBytes($$"""{"name":"n{{i}}"}""")).ToList();

        emitter.Hold();
        documents.ForEach(document => emitter.Send(document));

        var early = await daemon.WaitForSegmentsAsync(DatagramBatch.MaxDatagrams, Patience);
        Assert.Equal(sendMany ? 1 : DatagramBatch.MaxDatagrams, emitter.SendCalls);
        emitter.Flush();
        var all = await daemon.WaitForSegmentsAsync(documents.Count, Patience);
        Assert.Equal(DatagramBatch.MaxDatagrams, early.Count);
        Assert.Equal(documents.Select(Datagram), all.Select(s => s.Datagram));
    }

    [Fact]
    public async Task Send_HeldBytesWouldPassTheBound_SendsWhatIsHeldFirst()
    {
        await using var daemon = XRayDaemon.Start();
        using var emitter = new UdpSegmentEmitter(daemon.EndPoint, _ => { }, sendMany: true);
        var large = Padded("""{"name":"large","metadata":{"default":{"m":"PAD"}}}""", 50_000);
        Assert.True(2 * Datagram(large).Length <= DatagramBatch.MaxBytes);
        Assert.True(3 * Datagram(large).Length > DatagramBatch.MaxBytes);

        emitter.Hold();
        emitter.Send(large);
        emitter.Send(large);
        var callsAtTwo = emitter.SendCalls;
        emitter.Send(large);
        var callsAtThree = emitter.SendCalls;
        emitter.Flush();

        Assert.Equal(0, callsAtTwo);
        Assert.Equal(1, callsAtThree);
        var segments = await daemon.WaitForSegmentsAsync(3, Patience);
        Assert.All(segments, segment => Assert.Equal(large, segment.DocumentBytes));
    }

    [Fact]
    public async Task Send_TooLargeWhileHeld_IsHeldTrimmedAndSentAtFlush()
    {
        await using var daemon = XRayDaemon.Start();
        using var emitter = new UdpSegmentEmitter(daemon.EndPoint, _ => { }, sendMany: true);

        emitter.Hold();
        emitter.Send(Padded("""{"name":"big","metadata":{"default":{"blob":"PAD"}}}""", 70_000));
        Assert.Equal(0, emitter.SendCalls);
        emitter.Flush();

        var segment = Assert.Single(await daemon.WaitForSegmentsAsync(1, Patience));
        Assert.Equal("""{"name":"big"}""", Encoding.UTF8.GetString(segment.DocumentBytes));
    }

    [Fact]
    public async Task Send_FromManyThreadsWhileHeld_EveryDocumentArrivesOnce()
    {
        await using var daemon = XRayDaemon.Start();
        using var emitter = new UdpSegmentEmitter(daemon.EndPoint, _ => { }, sendMany: true);
        const int Count = 150;

        emitter.Hold();
        Parallel.For(0, Count, i => emitter.Send(Encoding.UTF8.GetBytes($$"""{"name":"t{{i}}"}""")));
        emitter.Flush();

        var names = (await daemon.WaitForSegmentsAsync(Count, Patience)).Select(s => s.GetString("name")).Order(StringComparer.Ordinal);
        Assert.Equal(Enumerable.Range(0, Count).Select(i => $"t{i}").Order(StringComparer.Ordinal), names);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Flush_DaemonRefusesEveryDatagram_DropsThemReportsOnceAndNeverThrows(bool sendMany)
    {
        // Linux refuses a datagram to the broadcast address from a socket without SO_BROADCAST (EACCES), and a host
        // without a route to it refuses it too: both sendmmsg and the sendto fallback fail, every time.
        var problems = new List<string>();
        using var emitter = new UdpSegmentEmitter(new IPEndPoint(IPAddress.Broadcast, 2000), problems.Add, sendMany);

        emitter.Hold();
        emitter.Send("""{"name":"a"}"""u8);
        emitter.Send("""{"name":"b"}"""u8);
        emitter.Send("""{"name":"c"}"""u8);
        emitter.Flush();
        emitter.Hold();
        emitter.Send("""{"name":"d"}"""u8);
        emitter.Flush();

        Assert.Equal(4, emitter.DroppedDocuments);
        Assert.Single(problems);
    }

    [Fact]
    public async Task Dispose_WhileHolding_SendsWhatIsHeld()
    {
        await using var daemon = XRayDaemon.Start();
        var emitter = new UdpSegmentEmitter(daemon.EndPoint, _ => { }, sendMany: true);

        emitter.Hold();
        emitter.Send("""{"name":"last"}"""u8);
        emitter.Dispose();

        Assert.Equal("last", Assert.Single(await daemon.WaitForSegmentsAsync(1, Patience)).GetString("name"));
    }

    [Fact]
    public void Hold_AfterDispose_SendsAtOnceAndDropsAsDisposed()
    {
        var problems = new List<string>();
        var emitter = new UdpSegmentEmitter(new IPEndPoint(IPAddress.Loopback, 2000), problems.Add, sendMany: true);
        emitter.Dispose();

        emitter.Hold();
        emitter.Send("""{"name":"late"}"""u8);

        Assert.Equal(1, emitter.DroppedDocuments);
        Assert.Single(problems);
    }

    private static byte[] Datagram(byte[] document) => [.. Encoding.UTF8.GetBytes(CapturedSegment.ExpectedHeader + "\n"), .. document];

    private static byte[] Padded(string template, int length) =>
        Encoding.UTF8.GetBytes(template.Replace("PAD", new string('x', length), StringComparison.Ordinal));

    private static Func<string, string?> Environment(string address) =>
        name => name == "AWS_XRAY_DAEMON_ADDRESS" ? address : null;
}
