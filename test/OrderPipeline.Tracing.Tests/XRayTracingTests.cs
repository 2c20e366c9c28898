using System.Diagnostics;
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
