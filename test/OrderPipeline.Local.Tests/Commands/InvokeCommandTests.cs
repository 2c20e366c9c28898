using System.Collections.Concurrent;
using System.Text;
using OrderPipeline.Local.Commands;
using OrderPipeline.Local.Lambda;
using OrderPipeline.Local.Terminal;
using OrderPipeline.TestHelpers.Events;
using OrderPipeline.TestHelpers.Functions;

namespace OrderPipeline.Local.Tests.Commands;

[Collection(BuiltConsumer.Name)]
public sealed class InvokeCommandTests(ConsumerBuild consumer)
{
    [Fact]
    public async Task ExecuteAsync_ConsumerOnSampleEvent_ReturnsTheResponseAndOneTraceUnderTheFunctionSegment()
    {
        var logs = new ConcurrentQueue<FunctionLogLine>();
        var root = RepositoryRoot.Find();
        var options = new InvokeOptions(
            "ConsumerFunction",
            Path.Combine(SampleEvents.Directory, SampleEvents.SqsOrders),
            Path.Combine(root, "template.yaml"),
            Path.Combine(Path.GetTempPath(), "orderpipeline-invoke-tests"),
            consumer.Build.ArtifactsDirectory);

        var outcome = await InvokeCommand.ExecuteAsync(options, _ => { }, logs.Enqueue, CancellationToken.None);

        Assert.True(outcome.Result.Succeeded);
        Assert.Equal(
            """{"batchItemFailures":[{"itemIdentifier":"c3e9f1a7-2b84-4d6c-9e0f-5a7b3c1d8e24"}]}""",
            Encoding.UTF8.GetString(outcome.Result.Response!.Value.Span));
        Assert.NotNull(outcome.Result.InitDuration);
        var function = Assert.Single(outcome.Trace, segment => segment.ParentId is null);
        Assert.Equal(("ConsumerFunction", outcome.TraceId), (function.Name, function.TraceId));
        Assert.Single(outcome.Trace, segment => segment.Name == "Initialization" && segment.ParentId == function.Id);
        var processing = outcome.Trace.Where(segment => segment.Name == "ProcessOrder").ToList();
        Assert.Equal(3, processing.Count);
        Assert.All(processing, segment => Assert.Equal(function.Id, segment.ParentId));
        Assert.Contains(logs, line => line.FunctionName == "ConsumerFunction");
    }

    [Fact]
    public async Task ExecuteAsync_UnknownFunction_ThrowsNamingIt()
    {
        var root = RepositoryRoot.Find();
        var options = new InvokeOptions(
            "NoSuchFunction",
            Path.Combine(SampleEvents.Directory, SampleEvents.SqsOrders),
            Path.Combine(root, "template.yaml"),
            Path.GetTempPath(),
            consumer.Build.ArtifactsDirectory);

        var error = await Assert.ThrowsAnyAsync<Exception>(
            () => InvokeCommand.ExecuteAsync(options, _ => { }, _ => { }, CancellationToken.None));

        Assert.Contains("NoSuchFunction", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TraceOfTheFunctionAndItsSubsegments_IndentsChildrenUnderTheirParent()
    {
        var store = new OrderPipeline.Local.XRay.TraceStore();
        OrderPipeline.Local.XRay.LambdaSegments.Record(
            store, "1-5759e988-bd862e3fe1be46a994272793", "53995c3f42cd8ad8", "ConsumerFunction",
            DateTimeOffset.UnixEpoch.AddSeconds(1_764_134_037), TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(30), fault: false);

        var lines = TraceTree.Render(store.Trace("1-5759e988-bd862e3fe1be46a994272793")).ToList();

        Assert.Equal(["ConsumerFunction  50.0 ms", "  └ Initialization  30.0 ms"], lines);
    }
}
