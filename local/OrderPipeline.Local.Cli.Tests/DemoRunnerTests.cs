using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using OrderPipeline.Local.XRay;
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

    /// <summary>
    /// The built functions exporting OpenTelemetry instead of X-Ray segments (issue 16), chosen by the template's
    /// parameters as a deployed stack would be: through the X-Ray daemon's UDP endpoint (<c>T1S</c>, no endpoint set) or
    /// over OTLP/HTTP to the stack's receiver. Either way the stack stores the spans with the rest: each producer trace
    /// holds the producer function's SERVER span (a segment) with <c>SubmitOrder</c> and the SQS <c>SendMessage</c>
    /// PRODUCER span under it, and the consumer's <c>ProcessOrder</c> CONSUMER span carries the span link to that
    /// <c>SendMessage</c>, parsed from the record's <c>AWSTraceHeader</c>.
    /// </summary>
    [Theory]
    [InlineData("udp")]
    [InlineData("http")]
    public async Task ExecuteAsync_FunctionsExportOpenTelemetry_SpansAreStoredWithTheQueueHopAsASpanLink(string transport)
    {
        var otlpPort = FreeTcpPort();
        var overrides = new Dictionary<string, string> { ["TracesExporter"] = "otlp" };
        if (transport == "http")
        {
            overrides["OtlpTracesEndpoint"] = $"http://127.0.0.1:{otlpPort}/v1/traces";
        }

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
                FunctionConcurrency: 5,
                VisibilityTimeoutOverride: TimeSpan.FromSeconds(4),
                ParameterOverrides: overrides,
                SampleAll: true,
                OtlpPort: otlpPort),
            Orders: 2,
            Path.Combine(SampleEvents.Directory, SampleEvents.ApiPostOrder),
            Path.Combine(SampleEvents.Directory, SampleEvents.ApiPostOrderInvalid),
            Concurrency: 2,
            SettleTimeout: TimeSpan.FromSeconds(60));

        var report = await DemoRunner.ExecuteAsync(options, StackEvents.Silent, CancellationToken.None);

        Assert.All(report.Checks, check => Assert.True(check.Passed, $"{check.Name}: {check.Detail}"));
        foreach (var order in report.Requests.Where(request => request.Kind == "order"))
        {
            var producer = report.Traces.Trace(order.TraceId!);
            var function = Assert.Single(producer, segment => segment.ParentId is not null && IsSegment(segment)
                && segment.Name.StartsWith("order-pipeline-ProducerFunction-", StringComparison.Ordinal)
                && segment.Document.TryGetProperty("metadata", out var metadata)
                && metadata.GetProperty("default").TryGetProperty("faas.trigger", out var trigger) && trigger.GetString() == "http");
            var submit = Assert.Single(producer, segment => segment.Name == "SubmitOrder" && segment.ParentId == function.Id);
            var send = Assert.Single(producer, segment => segment.Name == "SQS" && segment.ParentId == submit.Id);
            Assert.Equal("SendMessage", send.Document.GetProperty("aws").GetProperty("operation").GetString());

            // The consumer's trace, found through the producer's SendMessage span it links to.
            var consumerTraceId = Assert.Single(report.Links[order.TraceId!]);
            var consumer = report.Traces.Trace(consumerTraceId);
            var processOrder = Assert.Single(consumer, segment => segment.Name == "ProcessOrder"
                && TraceLinks.LinkedTraceIds(segment).Contains(order.TraceId!));
            var link = Assert.Single(processOrder.Document.GetProperty("links").EnumerateArray());
            Assert.Equal((order.TraceId, send.Id), (link.GetProperty("trace_id").GetString(), link.GetProperty("id").GetString()));
        }
    }

    private static bool IsSegment(StoredSegment segment) =>
        !segment.Document.TryGetProperty("type", out var type) || type.GetString() != "subsegment";

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
