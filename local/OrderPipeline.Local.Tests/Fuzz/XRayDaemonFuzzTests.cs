using System.Text;
using CsCheck;
using OrderPipeline.Local.XRay;

namespace OrderPipeline.Local.Tests.Fuzz;

// Property test: the X-Ray daemon's datagram intake over random and damaged datagrams. It never throws; each datagram
// is either stored or counted as rejected. CsCheck prints the seed of a failing case.
public sealed class XRayDaemonFuzzTests
{
    private const int Iterations = 3000;
    private const string Header = "{\"format\":\"json\",\"version\":1}\n";
    private const string Segment =
        """{"name":"SQS","id":"70de5b6f19ff9a0a","trace_id":"1-5759e988-bd862e3fe1be46a994272793","parent_id":"53995c3f42cd8ad8","type":"subsegment","start_time":1764134037.1,"end_time":1764134037.15}""";

    private static readonly string[] Names =
        ["name", "id", "trace_id", "parent_id", "type", "start_time", "end_time", "in_progress", "subsegments", "aws", "links"];

    private static readonly byte[] Valid = Encoding.UTF8.GetBytes(Header + Segment);

    private static readonly Gen<byte[]> Datagrams = Gen.Frequency(
        (2, Gen.Byte.Array[0, 300]),
        (3, FuzzJson.Body(Names).Select(body => (byte[])[.. Encoding.UTF8.GetBytes(Header), .. body])),
        (3, Gen.Select(Gen.Int[0, Valid.Length - 1], Gen.Int[1, 20], Gen.Byte.Array[1, 4], Gen.Int[0, 2],
            (at, length, insert, kind) => kind switch
            {
                0 => Valid[..at],
                1 => (byte[])[.. Valid[..at], .. insert, .. Valid[at..]],
                _ => [.. Valid[..at], .. Valid[Math.Min(Valid.Length, at + length)..]],
            })));

    // Found by the property below: an escaped lone surrogate made Accept throw instead of rejecting the datagram.
    [Theory]
    [InlineData("""{"name":"x","id":"70de5b6f19ff9a0a","trace_id":"\ud800","start_time":1}""")]
    [InlineData("""{"name":"\udc00","id":"70de5b6f19ff9a0a","trace_id":"1-5759e988-bd862e3fe1be46a994272793","start_time":1}""")]
    [InlineData("""{"name":"x","id":"70de5b6f19ff9a0a","trace_id":"1-5759e988-bd862e3fe1be46a994272793","start_time":1e400}""")]
    public async Task Accept_UnreadableField_RejectsTheDatagram(string segment)
    {
        var store = new TraceStore();
        await using var daemon = XRayDaemon.Start(0, store);

        Assert.False(daemon.Accept(Encoding.UTF8.GetBytes(Header + segment)));
        Assert.Equal(1, daemon.Rejected);
        Assert.Equal(0, store.SegmentCount);
    }

    [Fact]
    public async Task Accept_GeneratedDatagrams_NeverThrowsAndStoresOrCountsEach()
    {
        var store = new TraceStore();
        await using var daemon = XRayDaemon.Start(0, store);

        Datagrams.Sample(
            datagram =>
            {
                var (rejected, stored) = (daemon.Rejected, store.SegmentCount);

                var accepted = daemon.Accept(datagram);

                Assert.Equal(accepted ? rejected : rejected + 1, daemon.Rejected);
                Assert.Equal(accepted ? stored + 1 : stored, store.SegmentCount);
            },
            iter: Iterations,
            threads: 1,
            print: datagram => Encoding.UTF8.GetString(datagram));

        Assert.True(daemon.Rejected > 0);
        Assert.True(daemon.Accept(Valid));
    }
}
