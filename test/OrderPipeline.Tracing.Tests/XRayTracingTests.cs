using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using OrderPipeline.TestHelpers.Lambda;
using OrderPipeline.TestHelpers.XRay;
using OrderPipeline.Tracing.AwsSdk;
using OrderPipeline.Tracing.Tests.Support;

namespace OrderPipeline.Tracing.Tests;

public sealed class XRayTracingTests
{
    [Fact]
    public async Task Start_SampledActivity_ReachesTheDaemonWithItsAnnotations()
    {
        await using var daemon = XRayDaemon.Start();
        using var source = TestSources.Create();
        var root = XRayTraceId.Format(XRayTraceId.New(TimeProvider.System));
        var parent = new TraceHeader(root, "53995c3f42cd8ad8", SamplingDecision.Sampled).ToActivityContext();

        using (XRayTracing.Start(Environment(daemon.Address), [source.Name], ["order_id"]))
        {
            using var activity = source.StartActivity("SubmitOrder", ActivityKind.Internal, parent)!;
            activity.SetTag("order_id", "o-1");
        }

        var segments = await daemon.WaitForSegmentsAsync(1, TimeSpan.FromSeconds(10));
        var segment = Assert.Single(segments, s => s.GetString("trace_id") == root);
        Assert.Equal("SubmitOrder", segment.GetString("name"));
        Assert.Equal("o-1", segment.RequiredDocument.GetProperty("annotations").GetProperty("order_id").GetString());
    }

    [Fact]
    public async Task Session_ActivityStoppedInAnInvocation_IsSentAtItsEndNotBefore()
    {
        // A loopback datagram is in the receiving socket's queue when the send returns: Available shows one sent early.
        using var daemon = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        daemon.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var source = TestSources.Create();
        var context = new TestLambdaContext();
        var parent = new TraceHeader(XRayTraceId.Format(XRayTraceId.New(TimeProvider.System)), "53995c3f42cd8ad8", SamplingDecision.Sampled)
            .ToActivityContext();
        using var session = XRayTracing.Start(Environment(daemon.LocalEndPoint!.ToString()!), [source.Name], []);

        session.OnInvocationStart(context);
        source.StartActivity("ProcessOrder", ActivityKind.Consumer, parent)!.Dispose();
        source.StartActivity("DynamoDB", ActivityKind.Client, parent)!.Dispose();
        var waitingBeforeEnd = daemon.Available;
        await session.OnInvocationEndAsync(context, null);

        Assert.Equal(0, waitingBeforeEnd);
        var buffer = new byte[UdpSegmentEmitter.MaxDatagramBytes];
        daemon.ReceiveTimeout = 10_000;
        var first = CapturedSegment.Parse(buffer[..daemon.Receive(buffer)]);
        var second = CapturedSegment.Parse(buffer[..daemon.Receive(buffer)]);
        Assert.Equal("ProcessOrder", first.GetString("name"));
        Assert.Equal("DynamoDB", second.GetString("name"));
    }

    [Fact]
    public void Start_AwsSdkSource_IsListenedTo()
    {
        using var sdkSource = new ActivitySource(AwsSdkTracing.ActivitySourceName);
        var parent = new TraceHeader(XRayTraceId.Format(XRayTraceId.New(TimeProvider.System)), "53995c3f42cd8ad8", SamplingDecision.Sampled)
            .ToActivityContext();

        using (XRayTracing.Start(Environment("127.0.0.1:2000"), [], []))
        {
            using var activity = sdkSource.StartActivity("SQS", ActivityKind.Client, parent);

            Assert.True(activity?.Recorded);
        }
    }

    private static Func<string, string?> Environment(string address) =>
        name => name == "AWS_XRAY_DAEMON_ADDRESS" ? address : null;
}
