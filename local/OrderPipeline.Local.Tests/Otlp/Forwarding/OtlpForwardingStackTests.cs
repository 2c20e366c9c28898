using System.Net;
using OrderPipeline.Local.ApiGateway;
using OrderPipeline.Local.Stack;
using OrderPipeline.TestHelpers.Events;
using OrderPipeline.TestHelpers.Functions;
using SpanKind = OrderPipeline.Local.Otlp.Proto.Span.Types.SpanKind;

namespace OrderPipeline.Local.Tests.Otlp.Forwarding;

/// <summary>
/// The repository's template under the local stack with <c>--otlp-endpoint</c>: one order's producer trace (API Gateway,
/// the producer's Lambda segments, its SendMessage) and the consumer's trace linked to it reach an OTLP/HTTP receiver.
/// </summary>
[Collection(BuiltFunctions.Name)]
public sealed class OtlpForwardingStackTests
{
    [Fact]
    public async Task StartAsync_WithOtlpEndpoint_ForwardsTheOrdersTracesWithTheConsumersLinkToTheProducer()
    {
        await using var receiver = await OtlpTestReceiver.StartAsync();
        string producerFunction, consumerFunction;
        await using (var stack = await EmulatedStack.StartAsync(Options(receiver.TracesUrl), StackEvents.Silent, CancellationToken.None))
        {
            producerFunction = stack.Template.Function("ProducerFunction").Name;
            consumerFunction = stack.Template.Function("ConsumerFunction").Name;
            var sample = SampleRequest.Load(Path.Combine(SampleEvents.Directory, SampleEvents.ApiPostOrder));
            using var client = stack.CreateApiClient(TimeSpan.FromSeconds(30));
            using var response = await client.SendAsync(
                sample.ToHttpRequest(new Uri(stack.RouteUrl(stack.Template.Function("ProducerFunction").ApiEvents[0]))));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

            await receiver.WaitUntilAsync(r => r.AcceptedSpans.Any(s => s.Span.Links.Count > 0));
        }

        var spans = receiver.AcceptedSpans;
        Assert.Equal(spans.Count, spans.Select(s => (OtlpForwarderTests.Hex(s.Span.TraceId), OtlpForwarderTests.Hex(s.Span.SpanId))).Distinct().Count());
        var stage = Assert.Single(
            spans, s => s.Span.Kind == SpanKind.Server && s.Resource.Attributes.Any(a => a.Key == "cloud.platform" && a.Value.StringValue == "aws_api_gateway"));
        var integration = Assert.Single(spans, s => s.Span.ParentSpanId == stage.Span.SpanId);
        Assert.Equal((SpanKind.Client, stage.Service), (integration.Span.Kind, integration.Service));
        var producerTrace = spans.Where(s => s.Span.TraceId == stage.Span.TraceId).ToList();
        var producerLambda = producerTrace.Where(s => s.Service == producerFunction && s.Span.Kind == SpanKind.Server).ToList();
        Assert.Equal(2, producerLambda.Count);
        var send = Assert.Single(producerTrace, s => s.Span.Kind == SpanKind.Producer);
        Assert.Equal(producerFunction, send.Service);
        Assert.Equal("SendMessage", OtlpForwarderTests.Attributes(send.Span)["rpc.method"].StringValue);
        Assert.All(producerTrace.Where(s => s.Span != stage.Span), s => Assert.Contains(producerTrace, p => p.Span.SpanId == s.Span.ParentSpanId));

        var linked = Assert.Single(spans, s => s.Span.Links.Count > 0);
        Assert.Equal((consumerFunction, SpanKind.Server), (linked.Service, linked.Span.Kind));
        Assert.NotEqual(stage.Span.TraceId, linked.Span.TraceId);
        var link = Assert.Single(linked.Span.Links);
        Assert.Equal(stage.Span.TraceId, link.TraceId);
        Assert.Contains(producerTrace, s => s.Span.SpanId == link.SpanId);
        Assert.Contains(spans, s => s.Span.TraceId == linked.Span.TraceId && s.Span.ParentSpanId == linked.Span.SpanId && s.Service == consumerFunction);
    }

    private static StackOptions Options(Uri otlp) => new(
        Path.Combine(RepositoryRoot.Find(), "template.yaml"),
        FunctionBuildFixture.WorkDirectory(),
        ApiPort: 0,
        SqsPort: 0,
        DynamoDbPort: 0,
        XRayPort: 0,
        FunctionBuildMode.Auto,
        KeepTraces: false,
        FunctionConcurrency: 1,
        SampleAll: true,
        OtlpEndpoint: otlp);
}
