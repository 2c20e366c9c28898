using System.Collections.Concurrent;
using System.Text;
using OrderPipeline.Local.Lambda;
using OrderPipeline.Local.XRay;
using OrderPipeline.TestHelpers.Events;
using OrderPipeline.TestHelpers.Functions;

namespace OrderPipeline.Local.Cli.Tests;

[Collection(BuiltFunctions.Name)]
public sealed class FunctionInvokerTests(ConsumerBuild consumer)
{
    [Fact]
    public async Task InvokeAsync_ConsumerOnSampleEvent_ReturnsTheResponseAndOneTraceUnderTheFunctionSegment()
    {
        var logs = new ConcurrentQueue<FunctionLogLine>();
        var root = RepositoryRoot.Find();
        var options = new InvokeOptions(
            "ConsumerFunction",
            Path.Combine(SampleEvents.Directory, SampleEvents.SqsOrders),
            Path.Combine(root, "template.yaml"),
            Path.Combine(Path.GetTempPath(), "orderpipeline-invoke-tests"),
            consumer.Build.ArtifactsDirectory);

        var outcome = await FunctionInvoker.InvokeAsync(options, _ => { }, logs.Enqueue, CancellationToken.None);

        Assert.True(outcome.Result.Succeeded);
        Assert.Equal(
            """{"batchItemFailures":[{"itemIdentifier":"c3e9f1a7-2b84-4d6c-9e0f-5a7b3c1d8e24"}]}""",
            Encoding.UTF8.GetString(outcome.Result.Response!.Value.Span));
        Assert.NotNull(outcome.Result.InitDuration);
        var service = Assert.Single(outcome.Trace, segment => segment.ParentId is null);
        Assert.Equal(("order-pipeline-ConsumerFunction-5BMMR10DYRXF", outcome.TraceId), (service.Name, service.TraceId));
        var function = Assert.Single(outcome.Trace, segment => segment.ParentId == service.Id);
        Assert.Equal("order-pipeline-ConsumerFunction-5BMMR10DYRXF", function.Name);
        Assert.All(outcome.Trace, segment => Assert.True(segment.EndTime <= service.EndTime, segment.Name + " ends after the invocation"));
        Assert.Single(outcome.Trace, segment => segment.Name == LambdaSegments.InitSubsegment && segment.ParentId == function.Id);
        var processing = outcome.Trace.Where(segment => segment.Name == "ProcessOrder").ToList();
        Assert.Equal(3, processing.Count);
        Assert.All(processing, segment => Assert.Equal(function.Id, segment.ParentId));
        // The real runtime posts its response, then asks for the next event: Lambda's phases, measured on the wire
        // (https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html, new-style function segment).
        var phases = function.Document.GetProperty("annotations");
        Assert.Equal(
            [LambdaSegments.ResponseLatencyAnnotation, LambdaSegments.ResponseDurationAnnotation, LambdaSegments.RuntimeOverheadAnnotation, LambdaSegments.ExtensionOverheadAnnotation],
            phases.EnumerateObject().Select(phase => phase.Name));
        Assert.All(phases.EnumerateObject(), phase => Assert.True(phase.Value.GetDouble() >= 0, phase.Name));
        Assert.Equal(outcome.Result.Duration.TotalMilliseconds, phases.GetProperty(LambdaSegments.ResponseLatencyAnnotation).GetDouble(), 3);
        Assert.Contains(logs, line => line.FunctionName == "ConsumerFunction");
    }

    [Fact]
    public async Task InvokeAsync_UnknownFunction_ThrowsNamingIt()
    {
        var root = RepositoryRoot.Find();
        var options = new InvokeOptions(
            "NoSuchFunction",
            Path.Combine(SampleEvents.Directory, SampleEvents.SqsOrders),
            Path.Combine(root, "template.yaml"),
            Path.GetTempPath(),
            consumer.Build.ArtifactsDirectory);

        var error = await Assert.ThrowsAnyAsync<Exception>(
            () => FunctionInvoker.InvokeAsync(options, _ => { }, _ => { }, CancellationToken.None));

        Assert.Contains("NoSuchFunction", error.Message, StringComparison.Ordinal);
    }
}
