using System.Net.Sockets;
using System.Text;
using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.Tests.XRay;

public sealed partial class XRayDaemonTests
{
    private const string Header = "{\"format\":\"json\",\"version\":1}\n";
    private const string Subsegment =
        """{"name":"SQS","id":"70de5b6f19ff9a0a","trace_id":"1-5759e988-bd862e3fe1be46a994272793","parent_id":"53995c3f42cd8ad8","type":"subsegment","start_time":1764134037.1,"end_time":1764134037.15}""";

    [Fact]
    public async Task Receive_ValidDatagramOverUdp_StoresTheSegmentUnderItsTrace()
    {
        var store = new TraceStore();
        await using var daemon = XRayDaemon.Start(0, store);
        using var client = new UdpClient();

        await client.SendAsync(Encoding.UTF8.GetBytes(Header + Subsegment), daemon.EndPoint);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await store.WaitUntilAsync(s => s.SegmentCount == 1, timeout.Token);

        var segment = Assert.Single(store.Trace("1-5759e988-bd862e3fe1be46a994272793"));
        Assert.Equal(("SQS", "70de5b6f19ff9a0a", "53995c3f42cd8ad8", "subsegment"), (segment.Name, segment.Id, segment.ParentId, segment.Type));
        Assert.Equal(50, segment.DurationMs, precision: 3);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a header\n{}")]
    [InlineData(Header + "not json")]
    [InlineData(Header + "[1,2]")]
    [InlineData(Header + """{"name":"x","id":"1","start_time":1}""")]
    [InlineData(Header + """{"name":"x","id":"1","trace_id":"1-a-b","type":"subsegment","start_time":1}""")]
    [InlineData("{\"format\":\"json\",\"version\":2}\n" + Subsegment)]
    public async Task Accept_Garbage_IsCountedAndDropped(string datagram)
    {
        var store = new TraceStore();
        await using var daemon = XRayDaemon.Start(0, store);

        var accepted = daemon.Accept(Encoding.UTF8.GetBytes(datagram));

        Assert.False(accepted);
        Assert.Equal(1, daemon.Rejected);
        Assert.Equal(0, store.SegmentCount);
    }
}
