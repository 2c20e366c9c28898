using System.Text.Json;
using OrderPipeline.Lambda.Logging;
using OrderPipeline.Lambda.Tests.Support;
using OrderPipeline.TestHelpers.Lambda;
using OrderPipeline.TestHelpers.Time;

namespace OrderPipeline.Lambda.Tests;

public sealed class EmfMetricsLoggerTests : IDisposable
{
    private const string TraceHeader = "Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1";
    private readonly MemoryStream _sink = new();
    private readonly JsonLineSink _output;
    private readonly EmfMetricsLogger _metrics;

    public EmfMetricsLoggerTests()
    {
        _output = new JsonLineSink(_sink);
        _metrics = new EmfMetricsLogger(_output, new ManualTimeProvider(HostHarness.StartTime));
    }

    public void Dispose()
    {
        _output.Dispose();
        _sink.Dispose();
    }

    [Fact]
    public void Emit_InsideInvocation_WritesEmfDocumentWithValuesAtTopLevel()
    {
        using (LambdaContextAccessor.Enter(new TestLambdaContext { AwsRequestId = "req-1", TraceHeader = TraceHeader }))
        {
            _metrics.Emit(
                "OrderPipeline",
                [new MetricDimension("Currency", "EUR")],
                [new Metric("OrdersProcessed", 1, MetricUnit.Count), new Metric("OrderValue", 39.98)],
                [("orderId", "0193a0a4")]);
        }

        var document = LogLines.Single(_sink);
        var aws = document.GetProperty("_aws");
        Assert.Equal(HostHarness.StartTime.ToUnixTimeMilliseconds(), aws.GetProperty("Timestamp").GetInt64());
        var directive = Assert.Single(aws.GetProperty("CloudWatchMetrics").EnumerateArray());
        Assert.Equal("OrderPipeline", directive.GetProperty("Namespace").GetString());
        var dimensionSet = Assert.Single(directive.GetProperty("Dimensions").EnumerateArray());
        Assert.Equal(["Currency"], dimensionSet.EnumerateArray().Select(name => name.GetString()));
        Assert.Equal(
            [("OrdersProcessed", "Count"), ("OrderValue", "None")],
            directive.GetProperty("Metrics").EnumerateArray()
                .Select(metric => (metric.GetProperty("Name").GetString(), metric.GetProperty("Unit").GetString())));
        Assert.Equal("EUR", document.GetProperty("Currency").GetString());
        Assert.Equal(1, document.GetProperty("OrdersProcessed").GetDouble());
        Assert.Equal(39.98, document.GetProperty("OrderValue").GetDouble());
        Assert.Equal("req-1", document.GetProperty("requestId").GetString());
        Assert.Equal("1-67891233-abcdef012345678912345678", document.GetProperty("traceId").GetString());
        Assert.Equal("0193a0a4", document.GetProperty("orderId").GetString());
    }

    [Fact]
    public void Emit_NonFiniteValue_LeavesThatMetricOut()
    {
        _metrics.Emit("OrderPipeline", [], [new Metric("Bad", double.NaN), new Metric("Good", 2)], []);

        var document = LogLines.Single(_sink);
        var directive = document.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
        var metric = Assert.Single(directive.GetProperty("Metrics").EnumerateArray());
        Assert.Equal("Good", metric.GetProperty("Name").GetString());
        Assert.False(document.TryGetProperty("Bad", out _));
        Assert.Equal(JsonValueKind.Array, directive.GetProperty("Dimensions")[0].ValueKind);
    }

    [Fact]
    public void Emit_TooManyDimensions_Throws()
    {
        var dimensions = Enumerable.Range(0, EmfMetricsLogger.MaxDimensions + 1)
            .Select(i => new MetricDimension($"d{i}", "v")).ToArray();

        Assert.Throws<ArgumentOutOfRangeException>(() => _metrics.Emit("OrderPipeline", dimensions, [], []));
    }
}
