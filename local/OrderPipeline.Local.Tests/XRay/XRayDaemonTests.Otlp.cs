using System.Text;
using Google.Protobuf;
using OrderPipeline.Local.Otlp.Proto;
using OrderPipeline.Local.XRay;
using static OrderPipeline.Local.Tests.Otlp.OtlpRequests;

namespace OrderPipeline.Local.Tests.XRay;

// The datagrams ADOT's UDP span exporter sends to Lambda's X-Ray daemon endpoint: the daemon's header line, then T1S
// (sampled) or T1U (unsampled) and the base64 of an ExportTraceServiceRequest (aws-otel-js-instrumentation
// otlp-udp-exporter.ts; the foreign client itself runs in OtlpForeignClientTests).
public sealed partial class XRayDaemonTests
{
    [Fact]
    public async Task Accept_T1SDatagram_StoresTheSpansAsSegments()
    {
        var store = new TraceStore();
        await using var daemon = XRayDaemon.Start(0, store);

        var accepted = daemon.Accept(Datagram(Header, "T1S", Of("orders-consumer", Server(), Child(Span.Types.SpanKind.Client, "DynamoDB"))));

        Assert.True(accepted);
        Assert.Equal([("orders-consumer", "segment"), ("DynamoDB", "subsegment")],
            store.Trace(XRayTraceId).Select(segment => (segment.Name, segment.Type)));
        Assert.Equal((0, 0, 0), (daemon.Rejected, daemon.RejectedSpans, daemon.UnsampledSpans));
    }

    [Fact]
    public async Task Accept_T1UDatagram_CountsTheUnsampledSpansWithoutStoringATrace()
    {
        var store = new TraceStore();
        await using var daemon = XRayDaemon.Start(0, store);

        var accepted = daemon.Accept(Datagram(Header, "T1U", Of("svc", Server(), Child(Span.Types.SpanKind.Internal, "work"))));

        Assert.True(accepted);
        Assert.Equal(2, daemon.UnsampledSpans);
        Assert.Equal(0, store.SegmentCount);
    }

    [Fact]
    public async Task Accept_HeaderSpacedAsAdotJavaAndTheDocumentationWriteIt_IsAccepted()
    {
        var store = new TraceStore();
        await using var daemon = XRayDaemon.Start(0, store);

        var accepted = daemon.Accept(Datagram("{\"format\": \"json\", \"version\": 1}\n", "T1S", Of("svc", Server())));

        Assert.True(accepted);
        Assert.Equal(1, store.SegmentCount);
    }

    [Fact]
    public async Task Accept_T1SWithARefusedSpan_StoresTheRestAndCountsIt()
    {
        var store = new TraceStore();
        await using var daemon = XRayDaemon.Start(0, store);
        var bad = Server("0000000000000001");
        bad.TraceId = ByteString.Empty;

        daemon.Accept(Datagram(Header, "T1S", Of("svc", bad, Server())));

        Assert.Equal((1, 1, 0), (store.SegmentCount, daemon.RejectedSpans, daemon.Rejected));
    }

    [Theory]
    [InlineData(Header + "T1S%%%not base64")]
    [InlineData(Header + "T1SCv8B")]
    [InlineData(Header + "T2S")]
    [InlineData("{\"format\": \"json\", \"version\": 2}\nT1S")]
    public async Task Accept_UnreadableOtlpDatagram_IsCountedAndDropped(string datagram)
    {
        var store = new TraceStore();
        await using var daemon = XRayDaemon.Start(0, store);

        Assert.False(daemon.Accept(Encoding.UTF8.GetBytes(datagram)));
        Assert.Equal((1, 0), (daemon.Rejected, store.SegmentCount));
    }

    private static byte[] Datagram(string header, string prefix, ExportTraceServiceRequest request) =>
        Encoding.UTF8.GetBytes(header + prefix + Convert.ToBase64String(request.ToByteArray()));
}
