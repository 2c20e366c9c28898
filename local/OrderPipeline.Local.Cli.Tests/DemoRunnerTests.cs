using System.Text.Json;
using OrderPipeline.Local.Stack;
using OrderPipeline.TestHelpers.Events;
using OrderPipeline.TestHelpers.Functions;

namespace OrderPipeline.Local.Cli.Tests;

/// <summary>The whole pipeline: the real functions behind the local API Gateway, SQS, event source mapping and X-Ray.</summary>
[Collection(BuiltFunctions.Name)]
public sealed class DemoRunnerTests
{
    [Fact]
    public async Task ExecuteAsync_ThreeOrders_EveryCheckPassesAndEachProducerTraceIsLinkedFromAConsumerTrace()
    {
        var options = new DemoOptions(
            new StackOptions(
                Path.Combine(RepositoryRoot.Find(), "template.yaml"),
                FunctionBuildFixture.WorkDirectory(),
                ApiPort: 0,
                SqsPort: 0,
                DynamoDbPort: 0,
                XRayPort: 0,
                FunctionBuildMode.Auto,
                KeepTraces: false,
                // As many processes as the consumer's five pollers, and a visibility timeout longer than five cold
                // starts at once on a loaded machine: a batch still in flight when it runs out is received again by
                // another poller, and after five such receives an order would be dead-lettered, as in SQS.
                FunctionConcurrency: 5,
                VisibilityTimeoutOverride: TimeSpan.FromSeconds(4),
                SampleAll: true),
            Orders: 3,
            Path.Combine(SampleEvents.Directory, SampleEvents.ApiPostOrder),
            Path.Combine(SampleEvents.Directory, SampleEvents.ApiPostOrderInvalid),
            Concurrency: 2,
            SettleTimeout: TimeSpan.FromSeconds(60));

        var report = await DemoRunner.ExecuteAsync(options, StackEvents.Silent, CancellationToken.None);

        Assert.All(report.Checks, check => Assert.True(check.Passed, $"{check.Name}: {check.Detail}"));
        Assert.Equal(4, report.Requests.Count);
        Assert.Equal(3, report.Throughput.Accepted);
        Assert.NotNull(report.Throughput.EndToEnd);
        var orders = report.Requests.Where(request => request.Kind == "order").ToList();
        Assert.All(orders, order => Assert.Equal(202, order.Status));
        foreach (var order in orders)
        {
            var orderId = JsonDocument.Parse(order.Body).RootElement.GetProperty("orderId").GetString();
            var producer = report.Traces.Trace(order.TraceId!);
            Assert.Contains(producer, segment => segment.Document.TryGetProperty("origin", out var origin)
                && origin.GetString() == "AWS::ApiGateway::Stage" && segment.ParentId is null);
            Assert.Contains(producer, segment => segment.Name == "SQS");
            var consumer = report.Traces.Trace(Assert.Single(report.Links[order.TraceId!]));
            Assert.Contains(consumer, segment => segment.Document.TryGetProperty("annotations", out var annotations)
                && annotations.TryGetProperty("order_id", out var id) && id.GetString() == orderId
                && annotations.GetProperty("upstream_trace_id").GetString() == order.TraceId);
        }
    }
}
